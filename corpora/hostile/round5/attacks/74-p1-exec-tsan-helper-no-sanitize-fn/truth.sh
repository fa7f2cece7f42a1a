sed "s/__attribute__((no_sanitize(\"thread\"))) //" helper.c > /tmp/t74.c && clang-14 -fsanitize=thread -g -O1 /tmp/t74.c -o /tmp/t74 && /tmp/t74 2>&1 | grep -E "WARNING|reported"
