cd "$WORK" && "$TSAN_VERIFY" --cc gcc-11 prog.c
