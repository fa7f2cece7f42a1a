cd "$WORK" && "$TSAN_VERIFY" prog.c
