#!/bin/bash
# The CI's TSAN_OPTIONS names a suppressions "file" that is a named pipe (a
# process substitution or a FIFO that a rules generator was meant to feed).
rm -f rules.fifo && mkfifo rules.fifo || exit 99
TSAN_OPTIONS="suppressions=$PWD/rules.fifo" "$TSAN_VERIFY" --timeout 20 racy.c
