clang-15 -fsanitize=thread -g -O1 prog.c -o /tmp/t06 && /tmp/t06 2>&1 | grep -E 'WARNING|reported'
