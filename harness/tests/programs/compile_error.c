/* Does not compile: the harness must say so instead of running anything. */
// expect-tsan: none
int main(void) { return undeclared_variable; }
