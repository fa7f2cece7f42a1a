set -e
cat > racy.c <<'X'
// expect-tsan: none
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
cat > CMakeLists.txt <<'X'
cmake_minimum_required(VERSION 3.20)
project(p C)
find_package(TsanVerify 0.1 REQUIRED)
enable_testing()
tsan_verify_add_test(NAME racy SOURCES racy.c)
set_source_files_properties(racy.c PROPERTIES COMPILE_OPTIONS -fno-sanitize=thread)
X
CC=clang cmake -S . -B build -G Ninja -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DTsanVerify_DIR="$TSAN_VERIFY_PREFIX/lib/cmake/TsanVerify" >/dev/null
cmake --build build >/dev/null
set +e
"$TSAN_VERIFY" --binary build/O1/racy --opt O1 racy.c
