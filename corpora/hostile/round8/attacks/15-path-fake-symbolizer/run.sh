#!/bin/bash
# a lying llvm-symbolizer first on PATH
cd "$(dirname "$0")"
PATH=$PWD/bin:$PATH exec nice -n 10 "$TSAN_VERIFY" case.c
