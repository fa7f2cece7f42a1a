cd "$WORK" && { "$TSAN_VERIFY" prog.c -- "$WORK/pids" & pid=$!; sleep 4; kill -TERM $pid; wait $pid; rc=$?; }
sleep 1; left=$(find "$TMPDIR" -mindepth 1 | head -3); [ -z "$left" ] || { echo "left: $left"; exit 98; }
[ -s pids ] || { echo "program never started"; exit 99; }
for p in $(cat pids); do if kill -0 "$p" 2>/dev/null; then echo "survivor $p"; kill -KILL "$p"; exit 97; fi; done
exit $rc
