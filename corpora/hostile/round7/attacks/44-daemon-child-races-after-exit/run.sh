#!/bin/bash
# The parent exits at once; its daemonized child races a second later.
cd "$WORK"; "$TSAN_VERIFY" case.c; rc=$?; sleep 2; exit $rc
