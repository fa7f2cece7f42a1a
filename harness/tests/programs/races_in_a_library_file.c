/* The race of a two-file program is in this file, which holds no marker: its markers are in
 * races_in_a_library_main.c. Built together by the adoption tests (tsan-verify EXE). */
#include <pthread.h>

int shared_counter;

void bump_counter(void) { shared_counter++; }
