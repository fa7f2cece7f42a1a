: > corpus.tsv
"$TSAN_VERIFY" score corpus.tsv
