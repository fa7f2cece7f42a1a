cd "$WORK" && "$TSAN_VERIFY" --cc clang-14 prog.c
