/* The library half of calls_a_file_built_without_tsan.c: a plain, unlocked counter. */
int shared;

void counter_add(int amount) { shared += amount; }
