#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
printf "p.c\tcorrect\n" > list.tsv
nice "$TSAN_VERIFY" score --timeout 30 list.tsv
