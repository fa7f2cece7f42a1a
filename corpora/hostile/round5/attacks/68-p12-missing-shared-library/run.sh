cd "$WORK" && clang-14 -fsanitize=thread -g -shared -fPIC lib.c -o libtwice.so && clang-14 -fsanitize=thread -g prog.c -L. -ltwice -o prog || exit 99
rm libtwice.so
"$TSAN_VERIFY" ./prog > out.txt 2>&1; rc=$?; cat out.txt
grep -q "libtwice.so" out.txt || { echo "loader error not named"; exit 3; }
exit $rc
