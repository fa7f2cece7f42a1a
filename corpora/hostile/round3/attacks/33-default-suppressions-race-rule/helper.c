#include <string.h>
void helper_clear(char *buf, unsigned long n) { memset(buf, 0, n); }
