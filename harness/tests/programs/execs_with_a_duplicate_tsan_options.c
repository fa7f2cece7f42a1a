/* Re-execs itself with two TSAN_OPTIONS in its environment: first its own (the harness's with report_bugs=0
 * appended), then the one the harness gave. The runtime's GetEnv takes the first occurrence
 * (sanitizer_linux.cpp), so the new image keeps the harness's log_path and verbosity yet reports nothing of its
 * race. Marked `none`. Truth: a race. */
#include "hostile.h"

extern char **environ;

// expect-tsan: none
int main(int argc, char **argv) {
  RACE_MODE(argc, argv);
  size_t count = 0;
  while (environ[count])
    count++;
  char **env = calloc(count + 2, sizeof *env);
  const char *old = getenv("TSAN_OPTIONS");
  if (!env || asprintf(&env[0], "TSAN_OPTIONS=%s:report_bugs=0", old ? old : "") < 0)
    return 3;
  for (size_t i = 0; i < count; i++)
    env[i + 1] = environ[i];
  char *args[] = {argv[0], "race", NULL};
  execve(self_path(), args, env);
  return 127;
}
