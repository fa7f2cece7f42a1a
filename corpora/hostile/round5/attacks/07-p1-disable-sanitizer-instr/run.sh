cd "$WORK" && clang-19 -fsanitize=thread -g -O2 prog.c -o prog || exit 99
"$TSAN_VERIFY" ./prog
