cd "$WORK" && "$TSAN_VERIFY" --cc clang-13 --opt O0 prog.c
