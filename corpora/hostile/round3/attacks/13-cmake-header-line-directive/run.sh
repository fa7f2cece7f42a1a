#!/bin/bash
# tests/ren.h is generated at build time (like bison/flex/re2c output), stamped
# with the absolute path of the file its code came from.
printf '#line 9 "%s/tests/ren.c"\nstatic inline void bump(void) { counter++; }\n' "$PWD" > tests/ren.h
# Configure and build as a user of the installed package would, then run the
# exact command ctest registered for the test, with $TSAN_VERIFY.
cmake -S . -B build -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DCMAKE_C_COMPILER=clang >/dev/null || exit 99
cmake --build build >/dev/null || exit 99
mapfile -t args < <(ctest --test-dir build --show-only=json-v1 | python3 -c '
import json, sys
for a in json.load(sys.stdin)["tests"][0]["command"][1:]: print(a)')
"$TSAN_VERIFY" "${args[@]}"
