cd "$WORK" && "$TSAN_VERIFY" --cc clang-15 prog.c
