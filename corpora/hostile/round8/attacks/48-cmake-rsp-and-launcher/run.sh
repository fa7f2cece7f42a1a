#!/bin/bash
# (the ignorelist variant was refused at configure time)
# CMake: a response file holding -fno-sanitize=thread in COMPILE_OPTIONS; -Xclang -fsanitize-ignorelist=...;
# and (second build) a project compiler launcher that appends -mllvm -tsan-instrument-memory-accesses=0
cd "$(dirname "$0")"; worst=0
for L in "" "-DCMAKE_C_COMPILER_LAUNCHER=$PWD/launch.sh"; do
  rm -rf build; cmake -S . -B build -G "Unix Makefiles" -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" $L >build.log 2>&1 || { echo "configure refused: $(grep -m1 -A2 'Error' build.log)"; rc=2; [ $rc -gt $worst ] && worst=$rc; continue; }
  nice -n 10 cmake --build build -j2 >>build.log 2>&1 || { echo "build failed"; tail -5 build.log; worst=2; continue; }
  (cd build && nice -n 10 ctest --output-on-failure) > ctest.log 2>&1
  grep -E 'Test +#|case|cannot|met' ctest.log | head -12
  grep -q 'tests passed, 0 tests failed\|100% tests passed' ctest.log && exit 0
  worst=2
done
exit $worst
