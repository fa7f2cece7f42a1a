cd "$WORK" && TSAN_OPTIONS="die_after_fork=0 halt_on_error=0" "$TSAN_VERIFY" --cc gcc-12 prog.c
