cd "$WORK" && "$TSAN_VERIFY" prog.c > out.txt 2>&1; rc=$?; cat out.txt
grep -q "3" out.txt && grep -q "config file missing" out.txt || { echo "status or stderr not shown"; exit 3; }
exit $rc
