#!/bin/bash
# user TSAN_OPTIONS ending in an open quote / odd separators, trying to swallow the harness's options
cd "$(dirname "$0")"; worst=0
for o in 'report_bugs=0:log_suffix="' "report_bugs=0 log_suffix='" 'report_bugs=0,suppressions="' "include=$WORK/w-inc.txt" "include_if_exists=$WORK/w-inc.txt" 'report_bugs=0' "log_path=$WORK/w-x" ; do
  printf 'report_bugs=0\n' > $WORK/w-inc.txt
  TSAN_OPTIONS=$o nice -n 10 "$TSAN_VERIFY" case.c >$WORK/w-18.out 2>&1; rc=$?
  echo "[$o] -> $rc: $(tail -1 $WORK/w-18.out)"
  [ $rc = 0 ] && exit 0; [ $rc -gt $worst ] && worst=$rc
done; exit $worst
