cd "$WORK" && ulimit -s unlimited && "$TSAN_VERIFY" --cc clang-13 race.c
