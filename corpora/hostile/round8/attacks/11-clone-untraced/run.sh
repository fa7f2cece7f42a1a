#!/bin/bash
# a child created with CLONE_UNTRACED (no ptrace auto-attach) execs the program to race
cd "$(dirname "$0")"; exec nice -n 10 "$TSAN_VERIFY" case.c
