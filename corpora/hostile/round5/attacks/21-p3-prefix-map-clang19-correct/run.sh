cd "$WORK" && clang-19 -fsanitize=thread -g -O1 -ffile-prefix-map="$WORK"=/build/src race.c -o prog || exit 99
"$TSAN_VERIFY" --binary ./prog race.c
