/* Calls lib_run() of races_inside_a_library_lib.c, which the test builds as a shared library of its own with -g
 * and without -fsanitize=thread: its two threads race on lib_counter where TSan cannot see, and the run is
 * silent. The library's DWARF names its source, which is right here: it is the project's code, not the system's. */
void lib_run(void);

// expect-tsan: none
int main(void) {
  lib_run();
  return 0;
}
