cd "$WORK" && "$TSAN_VERIFY" --opt O0 prog.c > out.txt 2>&1; rc=$?; cat out.txt
grep -qiE "SEGV|segmentation" out.txt || { echo "crash cause not named"; exit 3; }
exit $rc
