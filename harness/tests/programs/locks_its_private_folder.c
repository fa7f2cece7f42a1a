/* Finds the harness's private folder in TSAN_OPTIONS' log_path, leaves a folder of mode 000 holding a file in it,
 * and makes the private folder itself read-only. Correct otherwise: the harness must still remove everything. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// expect-tsan: none
int main(void) {
  const char *options = getenv("TSAN_OPTIONS");
  /* The last log_path (the harness's own comes last), its value quoted or not. */
  const char *path = NULL;
  for (const char *p = options ? strstr(options, "log_path=") : NULL; p; p = strstr(p + 1, "log_path="))
    path = p + strlen("log_path=");
  if (!path)
    return 3;
  char quote = *path == '"' || *path == '\'' ? *path++ : 0;
  char folder[4096];
  snprintf(folder, sizeof folder, "%.*s", (int)(quote ? strcspn(path, quote == '"' ? "\"" : "'") : strcspn(path, ": ,")),
           path);
  char *slash = strrchr(folder, '/');
  if (!slash)
    return 3;
  *slash = '\0';
  char locked[4200], inside[4300];
  snprintf(locked, sizeof locked, "%s/locked", folder);
  snprintf(inside, sizeof inside, "%s/kept", locked);
  if (mkdir(locked, 0700) != 0)
    return 3;
  int fd = open(inside, O_WRONLY | O_CREAT, 0600);
  if (fd < 0)
    return 3;
  close(fd);
  chmod(locked, 0);
  chmod(folder, 0500);
  return 0;
}
