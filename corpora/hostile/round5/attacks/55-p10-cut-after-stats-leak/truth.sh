clang-14 -fsanitize=thread -g -O1 leak.c -o /tmp/t55 && TSAN_OPTIONS=verbosity=1 /tmp/t55 2>&1 | grep -E '^Stats|WARNING|reported'
