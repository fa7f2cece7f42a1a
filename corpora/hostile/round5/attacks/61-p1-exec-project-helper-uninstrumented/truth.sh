# the helper built with TSan, as the rest of the test: the race TSan would report
gcc-12 -fsanitize=thread -g -O1 -pthread helper.c -o /tmp/t61helper && /tmp/t61helper 2>&1 | grep -E 'WARNING|reported'
