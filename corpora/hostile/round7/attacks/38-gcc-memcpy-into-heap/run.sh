#!/bin/bash
# gcc -O2: a 16-byte memcpy into a heap block from two threads (gcc may expand it after its TSan pass), marked none.
cd "$WORK"; "$TSAN_VERIFY" --cc gcc --opt O2 case.c
