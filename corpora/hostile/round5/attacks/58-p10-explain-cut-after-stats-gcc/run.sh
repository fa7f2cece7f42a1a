cd "$WORK" && "$TSAN_VERIFY" explain ci.log
