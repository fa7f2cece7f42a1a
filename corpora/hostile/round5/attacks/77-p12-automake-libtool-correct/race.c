#include <stdio.h>
int pool_sum(void);
// expect-tsan: data race in add_unlocked
// expect-tsan: data race at src/pool.c:4
int main(void) { printf("%d\n", pool_sum()); return 0; }
