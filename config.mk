# pemetrics build knobs. Override on the command line (make PREFIX=/opt)
# or in the environment; CFLAGS, CPPFLAGS and LDFLAGS are yours: the
# Makefile adds its own flags around them and never replaces them.

VERSION = 0.1.0

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/pemetrics
MANPREFIX = $(PREFIX)/share/man

CC = cc
PKG_CONFIG = pkg-config
CFLAGS = -O2 -g

# Sanitizer build used by "make test".
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
