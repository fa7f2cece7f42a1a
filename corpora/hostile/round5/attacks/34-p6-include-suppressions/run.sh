cd "$WORK" && TSAN_OPTIONS="include=opts.txt" "$TSAN_VERIFY" prog.c
