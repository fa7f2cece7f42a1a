#!/bin/bash
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread $PWD/lib.c" t.c
