cd "$WORK" && timeout -k 3 60 "$TSAN_VERIFY" --timeout 10 prog.c
