#!/bin/bash
UBSAN_OPTIONS=halt_on_error=1 "$TSAN_VERIFY" --cflags "-fsanitize=thread,undefined -g -pthread" ub.c
