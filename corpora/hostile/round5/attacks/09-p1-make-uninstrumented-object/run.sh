cd "$WORK" && make -s prog >/dev/null || exit 99; "$TSAN_VERIFY" ./prog
