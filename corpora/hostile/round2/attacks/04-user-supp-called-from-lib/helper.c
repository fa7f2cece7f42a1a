#include <string.h>
void helper_clear(char *p, unsigned long n) { memset(p, 0, n); }
