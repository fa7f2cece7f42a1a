cd "$WORK" && ln -s real link && cd link && clang-16 -fsanitize=thread -g -O1 race.c -o ../prog || exit 99
cd "$WORK/link" && "$TSAN_VERIFY" --binary ../prog race.c
