/* The second file of marks_two_files.c: both of its threads bump lib_counter here, unordered. The race is this
 * file's own, and so is its marker. */
int lib_counter;

void lib_bump(void) {
  lib_counter++; // expect-tsan: data race
}
