#!/bin/bash
# The project's own compiler launcher (which TsanVerifyRecordFlags.sh runs after recording) adds -DUSE_HOOKS to the
# compile. The recorded flags never see it: the kept reading lacks hooks.h (a #line naming the case).
cd "$WORK"; . ./helper.sh
printf '#line 13 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > hooks.h
printf '#!/bin/sh\ncc=$1; shift\nexec "$cc" -DUSE_HOOKS "$@"\n' > with-hooks.sh; chmod +x with-hooks.sh
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
run_registered build
