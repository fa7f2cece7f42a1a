#!/bin/bash
set -e
gcc -fsanitize=thread -g -O1 -c store.c -o store.o
gcc -g -O1 -c wrap.c -o wrap.o
gcc -fsanitize=thread -Wl,--wrap=__tsan_write4 store.o wrap.o -o prog
set +e
"$TSAN_VERIFY" --binary ./prog store.c
