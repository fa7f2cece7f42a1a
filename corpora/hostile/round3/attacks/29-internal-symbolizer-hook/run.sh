#!/bin/bash
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -DSRCDIR=\"$PWD\"" sym.c
