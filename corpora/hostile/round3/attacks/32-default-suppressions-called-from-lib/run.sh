#!/bin/bash
# the project's helper library, built with TSan and -g
clang -fsanitize=thread -g -O1 -fPIC -shared helper.c -o libhelper.so || exit 99
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -L$PWD -lhelper -Wl,-rpath,$PWD" case.c
