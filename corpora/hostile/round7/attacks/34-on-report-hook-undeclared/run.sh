#!/bin/bash
# A none case that races and defines the runtime's report hook __tsan_on_report returning 1 (drop it).
cd "$WORK"; "$TSAN_VERIFY" case.c
