#include <pthread.h>
#include <stdio.h>
void __tsan_mutex_pre_lock(void *addr, unsigned flags);
void __tsan_mutex_post_lock(void *addr, unsigned flags, int recursion);
int __tsan_mutex_pre_unlock(void *addr, unsigned flags);
void __tsan_mutex_post_unlock(void *addr, unsigned flags);
static int fake_lock;
int g;
static void lock(void) { __tsan_mutex_pre_lock(&fake_lock, 0); __tsan_mutex_post_lock(&fake_lock, 0, 0); }
static void unlock(void) { __tsan_mutex_pre_unlock(&fake_lock, 0); __tsan_mutex_post_unlock(&fake_lock, 0); }
static void *w(void *a) { lock(); g++; unlock(); return 0; }
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  lock(); g++; unlock();
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
