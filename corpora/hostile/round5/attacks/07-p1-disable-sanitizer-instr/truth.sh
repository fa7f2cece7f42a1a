clang-19 -fsanitize=thread -g -O2 prog.c -o /tmp/t07 && /tmp/t06 2>&1 | grep -E 'WARNING|reported'
