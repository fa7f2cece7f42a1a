cd "$WORK" && TSAN_OPTIONS="atexit_sleep_ms=600000" "$TSAN_VERIFY" --timeout 5 race.c
