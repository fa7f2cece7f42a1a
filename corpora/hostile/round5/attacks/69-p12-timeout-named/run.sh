cd "$WORK" && "$TSAN_VERIFY" --timeout 2 prog.c > out.txt 2>&1; rc=$?; cat out.txt
grep -qi "time" out.txt || { echo "timeout not named"; exit 3; }
exit $rc
