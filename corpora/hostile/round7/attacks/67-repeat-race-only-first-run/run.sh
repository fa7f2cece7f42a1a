#!/bin/bash
# --repeat 3: the program races only on its first run.
cd "$WORK"; "$TSAN_VERIFY" --repeat 3 case.c
