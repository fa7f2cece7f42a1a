cd "$WORK" && timeout -k 5 60 "$TSAN_VERIFY" score --timeout 3 list.tsv
