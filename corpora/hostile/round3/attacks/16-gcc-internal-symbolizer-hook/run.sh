#!/bin/bash
"$TSAN_VERIFY" --cc gcc --cflags "-fsanitize=thread -g -pthread -DSRCDIR=\"$PWD\"" sym.c
