clang-16 -fsanitize=thread -g -O3 prog.c util.c -o /tmp/t10 && /tmp/t10 2>&1 | grep -E "WARNING|reported"
