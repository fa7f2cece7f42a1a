#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
time clang -fsanitize=thread -g -O2 case.c -o prog; echo "compile finished"; true
