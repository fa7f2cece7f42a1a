cd "$WORK" && "$TSAN_VERIFY" score --cc gcc-12 list.tsv; rc=$?; exit $rc
