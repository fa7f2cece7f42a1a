gcc-12 -fsanitize=thread -g -O1 -pthread leak.c -o /tmp/t58 && TSAN_OPTIONS=verbosity=1 /tmp/t58 2>&1 | grep -E "^Stats|WARNING|reported"
