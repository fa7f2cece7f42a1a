#!/bin/bash
# the helper is built by gcc (no MD5s in its DWARF); the fix lands after, on the same line
gcc -fsanitize=thread -g -O1 -pthread helper.c -o helper || exit 99
sleep 1
sed -i 's/^#define FIXED 0/#define FIXED 1/' helper.c
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -DHELPER=\"$PWD/helper\"" launcher.c
