#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -g -O1 helper.c -o helper -pthread || exit 99
sed -i "s#HELPER_PATH#\"$WORK/helper\"#" p.c
printf "p.c\tbug\n" > list.tsv
nice "$TSAN_VERIFY" score --timeout 30 list.tsv
