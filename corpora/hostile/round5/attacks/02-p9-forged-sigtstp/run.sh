cd "$WORK" && timeout -k 2 40 "$TSAN_VERIFY" --timeout 10 prog.c
