#include <dlfcn.h>
#include <pthread.h>
static void (*bump)(void);
static void *w(void *a) { bump(); return a; }
int main(void) {
  void *h = dlopen("./plugin.so", RTLD_NOW);
  if (!h) return 3;
  bump = (void (*)(void))dlsym(h, "plugin_bump");
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  return 0;
}
// expect-tsan: none
