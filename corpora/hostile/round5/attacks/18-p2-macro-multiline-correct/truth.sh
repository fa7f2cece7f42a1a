gcc-11 -fsanitize=thread -g -O1 -pthread prog.c -o /tmp/t18 && /tmp/t18 2>&1 | grep -E "#0|WARNING"
