#include <pthread.h>
#include <cstdio>
int shared;
static void *worker(void *) {
  const char *note = R"(
// expect-tsan: data race
)"; shared = 7;
  std::puts(note);
  return nullptr;
}
int main() {
  pthread_t t;
  pthread_create(&t, nullptr, worker, nullptr);
  const char *note = R"(
// expect-tsan: data race
)"; shared = 8;
  std::puts(note);
  pthread_join(t, nullptr);
  return 0;
}
