/* Calls racer_run() of calls_a_racing_library_lib.c, which the test builds as a shared library without -g and
 * without TSan, and strips: its two threads race on a buffer through memset, which TSan intercepts, so the report's
 * stacks lie in the library and TSan's runtime, and in none of this file's lines. */
void racer_run(void);

// expect-tsan: none
int main(void) {
  racer_run();
  return 0;
}
