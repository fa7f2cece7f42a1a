cd "$WORK" && "$TSAN_VERIFY" prog.c > out.txt 2>&1; rc=$?; cat out.txt
grep -q "total=2" out.txt || { echo "actual stdout not shown"; exit 3; }
exit $rc
