#!/bin/bash
# user's TSAN_OPTIONS names an external symbolizer that relocates the racy line 4 to the marked line 6
cd "$(dirname "$0")"
TSAN_OPTIONS=external_symbolizer_path=$PWD/bin/llvm-symbolizer exec nice -n 10 "$TSAN_VERIFY" case.c
