cd "$WORK" && "$TSAN_VERIFY" score --cc clang-15 list.tsv
