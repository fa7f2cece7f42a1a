cd "$WORK" && { "$TSAN_VERIFY" --opt O3 prog.c & pid=$!; sleep 1; kill -TERM $pid; wait $pid; rc=$?; }
sleep 1; left=$(find "$TMPDIR" -mindepth 1 | head -3); [ -z "$left" ] || { echo "left: $left"; exit 98; }
exit $rc
