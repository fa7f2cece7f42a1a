cd "$WORK" && TSAN_OPTIONS="log_path=stderr" "$TSAN_VERIFY" race.c; rc=$?
stray=$(ls -A | grep -E '^(stderr|stdout)') && { echo "stray files: $stray"; exit 96; }
exit $rc
