#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin || exit 99
TSAN_OPTIONS=log_path=$PWD/tl ./twin; grep -hE "WARNING|reported" tl.* ; ls tl.*; true
