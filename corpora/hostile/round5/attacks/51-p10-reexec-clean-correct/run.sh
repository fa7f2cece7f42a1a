cd "$WORK" && "$TSAN_VERIFY" parse ci.log
