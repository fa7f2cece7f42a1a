cd "$WORK" && autoreconf -fi >ac.log 2>&1 && CC=gcc-12 ./configure >>ac.log 2>&1 || { tail -20 ac.log; exit 99; }
make -s check TSAN_VERIFY="$TSAN_VERIFY" > check.log 2>&1; rc=$?; grep -E '^(PASS|FAIL|ERROR)' check.log; cat race.log 2>/dev/null | tail -5
grep -q '^ERROR' check.log && exit 2
[ $rc -eq 0 ] && exit 0 || exit 1
