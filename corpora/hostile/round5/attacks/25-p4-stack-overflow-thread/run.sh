cd "$WORK" && "$TSAN_VERIFY" --opt O0 prog.c
