/* Correct, and its main returns 3 on purpose: the case declares that status. */
// expect-exit: 3
// expect-tsan: none
int main(void) { return 3; }
