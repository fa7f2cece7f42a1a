/* The library half of calls_through_a_table_another_file_defines.c: a function reached only through a table this
 * file exports (the test builds it without TSan and without -g). */
static void put(int *block) { block[0] = 42; }

void (*const block_operations[])(int *) = {put};
