cd "$WORK" && CC=clang-15 cmake -S . -B build -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DCMAKE_BUILD_TYPE=RelWithDebInfo >build.log 2>&1 && cmake --build build --target tsan-verify-tests >>build.log 2>&1 || { tail -20 build.log; exit 99; }
cd build && ctest --output-on-failure > ctest.log 2>&1; rc=$?; tail -15 ctest.log
grep -q 'cannot check' ctest.log && exit 2
[ $rc -eq 0 ] && exit 0 || exit 1
