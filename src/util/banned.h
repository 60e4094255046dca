/* util/banned.h - functions this project does not call. Every .c file
 * includes it last, after the system headers, so a use of any of these is
 * a compile error that names the reason (a test checks the include). */
#ifndef PM_UTIL_BANNED_H
#define PM_UTIL_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_pemetrics

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)     /* no bound: use snprintf or buf */
#undef strcat
#define strcat(x, y) BANNED(strcat)     /* no bound: use buf_adds */
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)        /* may not terminate */
#undef sprintf
#define sprintf(...) BANNED(sprintf)    /* no bound: use snprintf */
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)     /* hidden state */
#undef atoi
#define atoi(x) BANNED(atoi)            /* no error: use strtol */
#undef atof
#define atof(x) BANNED(atof)            /* no error: use strtod */
#undef gets
#define gets(x) BANNED(gets)
#undef system
#define system(x) BANNED(system)        /* shell: use fork/exec */
#undef popen
#define popen(x, y) BANNED(popen)       /* shell: use fork/exec */

#endif /* PM_UTIL_BANNED_H */
