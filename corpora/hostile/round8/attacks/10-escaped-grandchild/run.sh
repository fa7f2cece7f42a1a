#!/bin/bash
# a daemonized grandchild (setsid, double fork) races 2 s after the parent exited
cd "$(dirname "$0")"; nice -n 10 "$TSAN_VERIFY" case.c; rc=$?; sleep 3; exit $rc
