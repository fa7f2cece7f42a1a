make -s >/dev/null && ./race 2>&1 | grep -E "WARNING|#0 add"
