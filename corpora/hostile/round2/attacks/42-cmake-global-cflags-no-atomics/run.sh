#!/usr/bin/env bash
cd "$WORK"
export TV_PREFIX="$TSAN_VERIFY_PREFIX"
cmake -S . -B build -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DTsanVerify_DIR="$TSAN_VERIFY_PREFIX/lib/cmake/TsanVerify" -DCMAKE_C_COMPILER=clang >build.log 2>&1 || { tail -5 build.log; exit 3; }
cmake --build build -j2 --target tsan-verify-tests >>build.log 2>&1 || { tail -5 build.log; exit 3; }
python3 runtest.py
