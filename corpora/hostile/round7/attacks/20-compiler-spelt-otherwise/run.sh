#!/bin/bash
# The build wrote the record with --cc clang; a script runs the check with --cc /usr/bin/clang (the same compiler,
# spelt otherwise). The record's words differ and must simply not be used; the case is honest: met.
cd "$WORK"
clang -fsanitize=thread -g -gdwarf-5 -fdebug-macro -O1 case.c -o prog || exit 99
"$TSAN_VERIFY" --write-reading case.reading --binary ./prog --cc clang --cflag -fsanitize=thread --cflag -g case.c || exit 99
"$TSAN_VERIFY" --binary ./prog --cc /usr/bin/clang --cflag -fsanitize=thread --cflag -g --reading case.reading case.c
