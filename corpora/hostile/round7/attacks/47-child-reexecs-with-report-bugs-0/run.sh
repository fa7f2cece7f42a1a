#!/bin/bash
# The program re-execs itself with report_bugs=0 appended to its TSAN_OPTIONS, then races.
cd "$WORK"; "$TSAN_VERIFY" case.c
