#include <stdio.h>
// expect-tsan: none
int main(void) { fprintf(stderr, "config file missing: /etc/xyz.conf\n"); return 3; }
