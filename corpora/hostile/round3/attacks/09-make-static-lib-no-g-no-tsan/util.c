/* libutil: built by its own Makefile rule, without -g and without TSan */
void util_add(int *p, int v) { *p += v; }
