/* A race between two threads of a library (races_inside_a_library_lib.c): the only line of this file in TSan's
 * report is where main calls lib_run, in the stacks that created the threads. Tests put their markers in copies. */
void lib_run(void);

int main(void) {
  lib_run(); // PIN_HERE
  return 0;
}
