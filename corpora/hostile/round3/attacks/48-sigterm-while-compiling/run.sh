#!/bin/bash
python3 gen.py || exit 99
# SIGTERM from outside (coreutils timeout, as a CI step's time limit does) 15 s in, while
# clang is still compiling the case in the harness's private folder.
timeout --preserve-status -s TERM 15 "$TSAN_VERIFY" --opt O2 big.c
