cd "$WORK" && "$TSAN_VERIFY" --cc clang-16 prog.c
