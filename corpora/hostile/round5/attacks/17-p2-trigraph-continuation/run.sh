cd "$WORK" && "$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -std=c11" prog.c
