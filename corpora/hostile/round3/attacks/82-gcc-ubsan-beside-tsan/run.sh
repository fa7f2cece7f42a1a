#!/bin/bash
"$TSAN_VERIFY" --cc gcc --cflags "-fsanitize=thread,undefined -g -pthread" gub.c
