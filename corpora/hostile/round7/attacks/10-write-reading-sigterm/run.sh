#!/bin/bash
# The build's POST_BUILD step (tsan-verify --write-reading) is stopped from outside (a CI job cancelled, `timeout`,
# kill) while the compiler reads the case (a compiler behind a slow wrapper: distcc, a network filesystem).
# The harness promises to end by a signal from outside (HOSTILE.md principle 9); the write step must not report
# success: a build that sees exit 0 goes on as if the record had been written.
cd "$WORK"
printf '#!/bin/sh\nsleep 4\nexec clang "$@"\n' > slowcc; chmod +x slowcc
clang -fsanitize=thread -g -gdwarf-5 -fdebug-macro -O1 case.c -o prog || exit 99
"$TSAN_VERIFY" --write-reading case.reading --binary ./prog --opt O1 --cc "$WORK/slowcc" --cflag -fsanitize=thread --cflag -g case.c &
pid=$!
sleep 1
kill -TERM $pid
wait $pid; rc=$?
echo "write-reading exit status $rc; record: $(stat -c %s case.reading 2>&1) bytes"
sleep 4
exit $rc
