#!/bin/bash
# TMPDIR holding ':' and '=': log_path=$TMPDIR/... would smuggle report_bugs=0 into TSAN_OPTIONS
cd "$(dirname "$0")"; d="$WORK/w-t:report_bugs=0:log_suffix="; mkdir -p "$d"
TMPDIR=$d exec nice -n 10 "$TSAN_VERIFY" case.c
