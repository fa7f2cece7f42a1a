#!/bin/bash
# A process sharing the memory (raw clone CLONE_VM, not a pthread) races with main.
cd "$WORK"; "$TSAN_VERIFY" case.c
