cd "$WORK" && UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:symbolize=0:strip_path_prefix=/tmp/" TSAN_OPTIONS="history_size=4 atexit_sleep_ms=10" "$TSAN_VERIFY" --cc clang-16 race.c
