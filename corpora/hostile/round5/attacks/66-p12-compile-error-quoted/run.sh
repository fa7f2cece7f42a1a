cd "$WORK" && "$TSAN_VERIFY" --cc gcc-12 prog.c > out.txt 2>&1; rc=$?; cat out.txt
grep -q 'error: expected' out.txt || { echo "compiler's error not quoted"; exit 3; }
exit $rc
