/* The library file of clears_a_table_in_another_file.c: the memset of a global struct, and a count TSan is told of
 * (so the function calls an access hook: only its memset is left out). */
#include <string.h>

struct pair {
  long first, second;
} table;
long clears;

__attribute__((noinline)) void clear_table(void) {
  memset(&table, 0, sizeof table);
  clears++;
}
