#!/bin/bash
cmake -S . -B build -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null || exit 99
cmake --build build >/dev/null || exit 99
# the exact command ctest registered for the test, run with $TSAN_VERIFY
mapfile -t args < <(ctest --test-dir build --show-only=json-v1 | python3 -c '
import json, sys
for a in json.load(sys.stdin)["tests"][0]["command"][1:]: print(a)')
"$TSAN_VERIFY" "${args[@]}"
