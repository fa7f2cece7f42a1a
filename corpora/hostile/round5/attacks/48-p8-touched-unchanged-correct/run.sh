cd "$WORK" && clang-19 -fsanitize=thread -g -O1 race.c -o prog || exit 99
sleep 1.1; touch race.c   # a git checkout rewrote it, same bytes
"$TSAN_VERIFY" --binary ./prog race.c
