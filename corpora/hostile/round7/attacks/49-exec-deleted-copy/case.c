#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>
int counter;
static void *worker(void *arg) { (void)arg; counter++; return NULL; }
// expect-tsan: none
int main(int argc, char **argv, char **envp) {
  if (argc == 1) {
    int in = open("/proc/self/exe", O_RDONLY);
    int out = open("copy.bin", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    struct stat st; fstat(in, &st);
    int m = out;
    off_t off = 0; while (off < st.st_size) if (sendfile(m, in, &off, st.st_size - off) <= 0) break;
    char *args[] = { argv[0], "copy", NULL };
    close(out);
    if (fork() == 0) { usleep(300000); unlink("copy.bin"); _exit(0); }
    execve("./copy.bin", args, envp);
    return 1;
  }
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", counter);
  return 0;
}
