#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 helper.c -o helper_tsan || exit 99
./helper_tsan 2>&1 | grep -E "WARNING|reported|SUMMARY"; true
