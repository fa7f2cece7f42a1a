cd "$WORK" && "$TSAN_VERIFY" --cc gcc-12 prog.c
