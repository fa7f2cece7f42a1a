cd "$WORK" && "$TSAN_VERIFY" --cc clang-19 --opt O2 prog.c
