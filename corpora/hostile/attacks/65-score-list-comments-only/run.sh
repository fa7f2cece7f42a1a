printf '# FILE\tLABEL\n\n' > corpus.tsv
"$TSAN_VERIFY" score corpus.tsv
