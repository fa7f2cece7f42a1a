cd "$WORK" && clang-14 -fsanitize=thread -g -O1 prog.c -o prog || exit 99; "$TSAN_VERIFY" ./prog
