cd "$WORK" && clang-14 -fsanitize=thread -g -O1 helper.c -o helper || exit 99
"$TSAN_VERIFY" case.c
