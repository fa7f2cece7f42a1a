set -e
cat > case.c <<'EOF'
// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
ATTR_DEF
int x;
ATTR static void *w(void *a) { x++; return a; } /* the race: both threads write x with no synchronisation */
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", x);
  return 0;
}
EOF
sed -i 's|^ATTR_DEF$||; s|^ATTR static|[[clang::no_sanitize("thread")]] static|' case.c
set +e
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -std=c2x" case.c
