#!/bin/bash
# The racy program sends its parent (the harness) SIGTSTP and SIGTTIN.
cd "$WORK"; timeout -s KILL 100 "$TSAN_VERIFY" case.c
