// expect-tsan: none
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
int g;
typedef void (*fn)(const char *, int);
static fn look(const char *rot) { char n[64]; size_t i; for (i = 0; rot[i]; i++) n[i] = rot[i] - 1; n[i] = 0; return (fn)dlsym(RTLD_DEFAULT, n); }
void *w(void *a) {
  fn r = look("BoopubufJhopsfSfbetCfhjo"), wr = look("BoopubufJhopsfXsjuftCfhjo");
  if (r) r(__FILE__, __LINE__);
  if (wr) wr(__FILE__, __LINE__);
  g++;
  fn re = look("BoopubufJhopsfSfbetFoe"), we = look("BoopubufJhopsfXsjuftFoe");
  if (re) re(__FILE__, __LINE__);
  if (we) we(__FILE__, __LINE__);
  return 0; }
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", g);
  return 0;
}
