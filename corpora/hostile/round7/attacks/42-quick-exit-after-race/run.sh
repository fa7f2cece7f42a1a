#!/bin/bash
# quick_exit after the race: atexit handlers (TSan's finalization?) are not run.
cd "$WORK"; "$TSAN_VERIFY" case.c
