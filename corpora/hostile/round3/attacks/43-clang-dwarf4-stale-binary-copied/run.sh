#!/bin/bash
# clang with -gdwarf-4 (for an older gdb/valgrind): DWARF 4 line tables hold no MD5.
clang -fsanitize=thread -gdwarf-4 -O1 -pthread counter.c -o prog || exit 99
sleep 1
sed -i 's/^#define FIXED 0/#define FIXED 1/' counter.c
sleep 1
mkdir -p artifacts && cp prog artifacts/prog
"$TSAN_VERIFY" --binary artifacts/prog counter.c
