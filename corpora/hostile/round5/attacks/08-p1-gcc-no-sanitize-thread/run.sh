cd "$WORK" && "$TSAN_VERIFY" --cc gcc-12 --opt O2 prog.c
