#!/bin/bash
printf 'race:worker\n' > ci.supp
printf 'halt_on_error=0\nsuppressions=%s/ci.supp\n' "$PWD" > ci.opts
TSAN_OPTIONS="include=$PWD/ci.opts" "$TSAN_VERIFY" none.c
