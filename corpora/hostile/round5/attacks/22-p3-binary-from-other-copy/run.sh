cd "$WORK" && (cd other && gcc-12 -fsanitize=thread -g -O1 -pthread case.c -o ../prog) || exit 99
touch case.c; "$TSAN_VERIFY" --binary ./prog case.c
