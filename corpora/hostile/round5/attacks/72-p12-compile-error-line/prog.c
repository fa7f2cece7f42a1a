#include <pthread.h>
// expect-tsan: none
int main(void) { undefined_function_xyz(1); return 0 }
