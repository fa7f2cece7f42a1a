#!/bin/bash
# A CI sets TSAN_OPTIONS=include_if_exists=PATH, and PATH is a FIFO no one
# writes (a leftover of a log pipe).
rm -f opts.fifo && mkfifo opts.fifo || exit 99
TSAN_OPTIONS="include_if_exists=$PWD/opts.fifo" "$TSAN_VERIFY" --timeout 20 racy.c
