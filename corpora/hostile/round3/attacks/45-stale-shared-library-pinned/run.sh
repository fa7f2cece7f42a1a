#!/bin/bash
clang -fsanitize=thread -g -O1 -fPIC -shared pool.c -o libpool.so || exit 99
clang -fsanitize=thread -g -O1 -pthread test.c -o test -L. -lpool -Wl,-rpath,"$PWD" || exit 99
sleep 1
# The fix lands in the library's source; libpool.so is not rebuilt.
sed -i 's/^#include <pthread.h>$/#include <pthread.h>\n#define FIXED 1/' pool.c
"$TSAN_VERIFY" --binary ./test test.c
