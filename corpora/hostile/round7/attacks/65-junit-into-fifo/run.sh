#!/bin/bash
# --junit names a FIFO: refused before the first case runs (no blocking).
cd "$WORK"; mkfifo j.xml; timeout -s KILL 60 "$TSAN_VERIFY" --junit j.xml case.c
