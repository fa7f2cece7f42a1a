cd "$WORK" && CC=clang-16 meson setup build -Dtsan_verify="$TSAN_VERIFY" >setup.log 2>&1 || { tail -20 setup.log; exit 99; }
meson test -C build --print-errorlogs > test.log 2>&1; rc=$?; tail -8 test.log
grep -q 'exit status 99' build/meson-logs/testlog.txt && exit 2
[ $rc -eq 0 ] && exit 0 || exit 1
