/* A correct program whose function returns a 32-byte struct: gcc passes the caller's slot for it in rdi and its pass
 * gives the stores into it no hook, as into the function's own frame (built by p01_instrumented with gcc). */
#include <pthread.h>
#include <stddef.h>

// expect-tsan: none

struct buffer {
  unsigned char *bytes;
  size_t length, capacity;
  void *allocator;
};

__attribute__((noinline)) struct buffer buffer_from_array(void *bytes, size_t length) {
  struct buffer buffer;
  buffer.bytes = length > 0 ? bytes : NULL;
  buffer.length = length;
  buffer.capacity = length;
  buffer.allocator = NULL;
  return buffer;
}

static void *worker(void *arg) { return arg; }

int main(void) {
  static unsigned char storage[8];
  struct buffer buffer = buffer_from_array(storage, sizeof storage);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL);
  return buffer.length == sizeof storage ? 0 : 1;
}
