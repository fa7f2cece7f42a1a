#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
UBSAN_OPTIONS=intercept_memcmp=0 nice "$TSAN_VERIFY" --opt O0 case.c
