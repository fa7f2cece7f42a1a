cat > case.c <<'X'
// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
int x;
static void *w(void *a) { x++; return a; }
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[argc - 1], "child") == 0) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
    for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
    printf("child %d\n", x);
    return 0;
  }
  pid_t p = fork();
  if (p == 0) { if (argc > 2) execl(argv[1], argv[1], argv[2], "child", (char *)0); else execl(argv[1], argv[1], "child", (char *)0); _exit(127); }
  int st; waitpid(p, &st, 0);
  printf("parent: child status %d\n", st);
  return 0;
}
X
clang -fsanitize=thread -g -O1 case.c -o prog
mkdir -p h
cp /lib64/ld-linux-x86-64.so.2 h/myld
"$TSAN_VERIFY" --binary ./prog --opt O1 case.c -- "$PWD/h/myld" "$PWD/prog"
