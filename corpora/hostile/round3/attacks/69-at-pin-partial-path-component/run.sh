#!/bin/bash
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread $PWD/src/counter.c" t.c
