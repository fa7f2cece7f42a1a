cd "$WORK" && CC=gcc-12 cmake -S . -B build -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DCMAKE_BUILD_TYPE=Debug >build.log 2>&1 || { tail -30 build.log; exit 99; }
cmake --build build --target worker >>build.log 2>&1 && cmake --build build --target tsan-verify-tests >>build.log 2>&1 || { tail -30 build.log; exit 99; }
cd build && ctest --output-on-failure > ctest.log 2>&1; rc=$?; tail -12 ctest.log
grep -q 'cannot check' ctest.log && exit 2
[ $rc -eq 0 ] && exit 0 || exit 1
