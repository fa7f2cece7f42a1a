cd "$WORK" && "$TSAN_VERIFY" --cc clang-19 prog.c
