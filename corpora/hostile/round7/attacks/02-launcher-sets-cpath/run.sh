#!/bin/bash
# The project's own compiler launcher (cmake -E env CPATH=...) puts an SDK folder on the include path; its
# generated hooks.h carries a #line naming the case. The recorded flags (and so the kept reading and any fresh
# reading) see no CPATH and read the stub hooks.h instead.
cd "$WORK"
mkdir -p sdk/include
printf '#line 9 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > sdk/include/hooks.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
cd build
cmd=$(ctest --show-only=json-v1 | python3 -c 'import json,sys; t=json.load(sys.stdin)["tests"][0]; print("\n".join(t["command"]))')
mapfile -t argv <<<"$cmd"
"${argv[@]}"
