#!/bin/bash
# The project's C compiler is a toolchain wrapper (CMAKE_C_COMPILER=./tc-cc) that force-includes the toolchain's
# prelude, whose generated hook carries a #line naming the case. The reading runs the same wrapper: refused.
cd "$WORK"; . ./helper.sh
printf 'int shared;\n#line 7 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > prelude.h
printf '#!/bin/sh\nexec clang -include %s/prelude.h "$@"\n' "$WORK" > tc-cc; chmod +x tc-cc
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER="$WORK/tc-cc" -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
run_registered build
