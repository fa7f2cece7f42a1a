/* No race, and exit status 3: the program fails on its own, which TSan's report count cannot explain. */
// expect-tsan: none
int main(void) { return 3; }
