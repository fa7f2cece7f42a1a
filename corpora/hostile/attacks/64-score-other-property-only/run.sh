cat > race.c <<'X'
#include <pthread.h>
#include <stdio.h>
int x;
static void *w(void *a) { x++; return a; }
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", x);
  return 0;
}
X
cat > r.yml <<'X'
format_version: '2.0'
input_files: 'race.c'
properties:
  - property_file: ../properties/unreach-call.prp
    expected_verdict: true
options:
  language: C
  data_model: LP64
X
"$TSAN_VERIFY" score r.yml
