#!/bin/bash
# Meson/Automake call `tsan-verify EXE` with no flags: only the DWARF line table is held against the case. A
# generated header's #line names the case, so its racy write lands on the marker's line (a code line).
cd "$WORK"
printf 'extern int shared;\n#line 11 "%s/case.c"\nstatic void gen_bump(void) { shared++; }\n' "$WORK" > gen.h
clang -fsanitize=thread -g -O1 case.c -o prog || exit 99
"$TSAN_VERIFY" ./prog
