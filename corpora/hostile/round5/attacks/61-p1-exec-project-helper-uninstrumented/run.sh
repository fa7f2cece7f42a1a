cd "$WORK" && make -s >/dev/null || exit 99; "$TSAN_VERIFY" case.c
