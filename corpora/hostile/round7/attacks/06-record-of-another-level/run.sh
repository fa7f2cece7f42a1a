#!/bin/bash
# By hand, as the CMake module does it: the build keeps the compiler's reading for -O1; the test is then run at -O2
# against the same record (a CI matrix reusing one record). The words differ, so the record must not be used.
cd "$WORK"
clang -fsanitize=thread -g -gdwarf-5 -fdebug-macro -O1 case.c -o prog || exit 99
"$TSAN_VERIFY" --write-reading case.reading --binary ./prog --opt O1 --cc clang --cflag -fsanitize=thread --cflag -g case.c || exit 99
"$TSAN_VERIFY" --binary ./prog --opt O2 --cc clang --cflag -fsanitize=thread --cflag -g --reading case.reading case.c
