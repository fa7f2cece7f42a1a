make -s CFLAGS="-fsanitize=thread -g -O1" clean 2>/dev/null; gcc-12 -fsanitize=thread -g -O1 -pthread prog.c util.c -o /tmp/t09 && /tmp/t09 2>&1 | grep -E "WARNING|reported"
