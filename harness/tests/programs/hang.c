/* Never ends: the harness must time out and kill it. With $HOSTILE_PID_FILE set it first writes its pid there (a
 * temporary name, then rename), so a test knows it runs and can check that it is gone afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// expect-tsan: none
int main(void) {
  const char *path = getenv("HOSTILE_PID_FILE");
  if (path) {
    char temporary[4096];
    snprintf(temporary, sizeof temporary, "%s.tmp", path);
    FILE *file = fopen(temporary, "w");
    if (file) {
      fprintf(file, "%ld\n", (long)getpid());
      fclose(file);
      rename(temporary, path);
    }
  }
  for (;;)
    sleep(1);
}
