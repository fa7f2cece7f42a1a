cd "$WORK" && "$TSAN_VERIFY" --cc gcc-12 prog.c > out.txt 2>&1; rc=$?; cat out.txt
head -1 out.txt | grep -q '^prog.c:3' || { echo "the verdict names another line than the compiler's error (prog.c:3)"; exit 3; }
exit $rc
