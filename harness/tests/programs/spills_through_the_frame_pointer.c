/* A correct program whose function keeps its frame pointer (-fno-omit-frame-pointer) and puts its cold path after
 * the hot path's epilogue (`pop rbp; ret`): the cold path spills to its frame through rbp ([rbp - 0x30]), which
 * the walk in address order had just seen restored to the caller's. p01_instrumented builds it with clang and gcc;
 * the spills are the frame's, no access TSan watches. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

// expect-tsan: none

struct logger {
  void (*log)(int, const char *, const char *, const char *, int, long, long);
};

__attribute__((noinline)) static void plain_log(int level, const char *what, const char *path, const char *mode,
                                                int code, long first, long second) {
  fprintf(stderr, "%d %s %s %s %d %ld %ld\n", level, what, path, mode, code, first, second);
}

static struct logger the_logger = {plain_log};

__attribute__((noinline)) struct logger *get_logger(int code) { return code ? &the_logger : NULL; }

__attribute__((noinline)) long raise_error(int code) { return code * 3L; }

__attribute__((noinline)) FILE *open_safe(const char *path, const char *mode, long extra, long more) {
  FILE *file = fopen(path, mode);
  if (__builtin_expect(!file, 0)) {
    int code = errno;
    long first = raise_error(code);
    long second = raise_error(code + 1);
    struct logger *logger = get_logger(code);
    if (logger)
      logger->log(3, "open failed", path, mode, code, first + extra, second + more);
    raise_error((int)(first + second + extra + more));
  }
  return file;
}

static void *worker(void *arg) { return arg; }

int main(int argc, char **argv) {
  FILE *file = open_safe(argc > 5 ? argv[1] : "/nonexistent/file", "r", argc, argc * 2L);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL);
  return file != NULL;
}
