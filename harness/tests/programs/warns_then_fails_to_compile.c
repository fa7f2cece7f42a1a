/* A warning, then an error: the harness must quote the error, not the warning before it. */
#warning this warning comes first
// expect-tsan: none
int main(void) { return undeclared_variable; }
