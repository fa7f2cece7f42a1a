/* A library's counter.c: a test of the same base name (same_name/tests/counter.c) calls it from two threads. */
int counter_value;

void counter_bump(void) {
  counter_value++; /* line 5: the race, in the library */
}
