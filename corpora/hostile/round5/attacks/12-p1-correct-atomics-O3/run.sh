cd "$WORK" && "$TSAN_VERIFY" --cc clang-19 --opt O3 prog.c
