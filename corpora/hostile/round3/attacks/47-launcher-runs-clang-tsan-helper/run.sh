#!/bin/bash
# An honest launcher test: the helper is a TSan program clang built (static
# runtime), from helper.c as it is; its race is pinned by the launcher's marker.
clang -fsanitize=thread -g -O1 -pthread helper.c -o helper || exit 99
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -DHELPER=\"$PWD/helper\"" launcher.c
