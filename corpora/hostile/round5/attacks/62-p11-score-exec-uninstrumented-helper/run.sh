cd "$WORK" && make -s >/dev/null || exit 99
printf 'bugprog.c\tbug\t-DHELPER="%s/helper"\n' "$WORK" > list.tsv
"$TSAN_VERIFY" score list.tsv; rc=$?
exit $rc
