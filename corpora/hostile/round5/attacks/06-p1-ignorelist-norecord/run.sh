cd "$WORK" && clang-15 -fsanitize=thread -fsanitize-ignorelist=ign.txt -g -O1 prog.c -o prog || exit 99
"$TSAN_VERIFY" ./prog
