cd "$WORK" && clang-14 -fsanitize=thread -g -O1 -c a/race.c -o a.o && (cd b && clang-14 -fsanitize=thread -g -O1 -c race.c -o ../b.o) && clang-14 -fsanitize=thread a.o b.o -o prog || exit 99
"$TSAN_VERIFY" --binary ./prog a/race.c
