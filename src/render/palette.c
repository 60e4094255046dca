#include "render/palette.h"

#include "util/banned.h"

const unsigned pal_status[6] = {
	0x9e9e9e, 0xc62828, 0xef6c00, 0xf9a825, 0x2e7d32, 0x1565c0,
};
