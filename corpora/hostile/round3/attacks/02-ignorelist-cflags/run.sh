#!/bin/bash
# The ignorelist is a clang flag not on TsanVerifyOffFlags.txt; it drops peek's
# access hooks (not its entry/exit).
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -fsanitize-ignorelist=$PWD/ignore.txt" peek.c
