#!/bin/bash
# The case runs the project's racy helper (built with -g, without TSan) through system(): /bin/sh in between.
cd "$WORK"; gcc -g -O1 -pthread helper.c -o helper || exit 99
"$TSAN_VERIFY" case.c
