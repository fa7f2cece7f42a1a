ulimit -s unlimited; clang-13 -fsanitize=thread -g race.c -o /tmp/t26 && TSAN_OPTIONS=verbosity=1 /tmp/t26 2>&1 | grep -iE "re-exec|unlimited|WARNING"
