#!/bin/bash
# SIGHUP (terminal closed) while the compiler builds the case: dies by SIGHUP, nothing left in TMPDIR.
cd "$WORK"; printf '#!/bin/sh\nsleep 3\nexec clang "$@"\n' > slowcc; chmod +x slowcc
"$TSAN_VERIFY" --cc "$WORK/slowcc" case.c & p=$!; sleep 1; kill -HUP $p; wait $p; rc=$?; sleep 3; exit $rc
