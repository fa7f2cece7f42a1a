#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
chmod +x launch.sh

 cmake -S . -B build -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DCMAKE_C_COMPILER_LAUNCHER=$WORK/launch.sh >cfg.log 2>&1 || { cat cfg.log; if grep -qi 'tsan_verify\|TsanVerify' cfg.log; then echo "configure refused by the TsanVerify package: counted as cannot check"; exit 2; fi; exit 99; }
cmake --build build >build.log 2>&1 || { cat build.log; exit 99; }
cd build && ctest --show-only=json-v1 > tests.json || exit 99
python3 ../ctest_run.py t
