/* libhelper.so of calls_a_helper_library.c, built without TSan. */
#include <string.h>

void helper_clear(char *p, unsigned long n) { memset(p, 0, n); }
