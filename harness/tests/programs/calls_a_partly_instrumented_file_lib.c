/* The library file of calls_a_partly_instrumented_file.c: built with TSan, one function left out of it. */
long tally;

__attribute__((no_sanitize("thread"), noinline)) void tally_add(long amount) { tally += amount; }

long tally_read(void) { return tally; }
