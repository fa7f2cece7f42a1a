#!/bin/bash
rm -f rerun.flag
# From outside: SIGHUP (the terminal closed) as soon as the rerun has started.
( for i in $(seq 600); do [ -e "$PWD/rerun.flag" ] && break; sleep 0.1; done
  pkill -HUP -P $$ -x tsan-verify ) &
"$TSAN_VERIFY" --timeout 60 --cflags "-fsanitize=thread -g -pthread -DFLAG=\"$PWD/rerun.flag\"" case.c
