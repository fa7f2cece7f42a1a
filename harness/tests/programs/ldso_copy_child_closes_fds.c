/* Like ldso_child_closes_fds.c, with the dynamic loader copied under another name first: a forked child runs this
 * program through "./helper" (a copy of ld.so), in "close" mode, where it closes every descriptor above 2 (TSan's log
 * among them), then races. Its report is lost; the parent waits and exits 0. Truth: a race. */
#include "hostile.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void copy_file(const char *from, const char *to) {
  int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
  char buffer[65536];
  ssize_t got;
  while (in >= 0 && out >= 0 && (got = read(in, buffer, sizeof buffer)) > 0)
    if (write(out, buffer, (size_t)got) != got)
      break;
  close(in);
  close(out);
}

// expect-tsan: none
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "close") == 0) {
    syscall(SYS_close_range, 3, ~0U, 0);
    race_on_a_counter();
    return 0;
  }
  const char *self = self_path();
  char folder[] = "/tmp/ldso-copy.XXXXXX";
  if (!mkdtemp(folder))
    return 3;
  char helper[sizeof folder + 16];
  snprintf(helper, sizeof helper, "%s/helper", folder);
  copy_file("/lib64/ld-linux-x86-64.so.2", helper);
  pid_t pid = fork();
  if (pid == 0) {
    execl(helper, "helper", self, "close", (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  unlink(helper);
  rmdir(folder);
  printf("child status %d\n", status);
  return 0;
}
