/* Only for clang 18 and later: skipped elsewhere. */
// requires-tsan: clang>=18 -- stands in for a case about a newer runtime

// expect-tsan: none
int main(void) { return 0; }
