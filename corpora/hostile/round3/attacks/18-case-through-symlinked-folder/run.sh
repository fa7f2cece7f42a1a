#!/bin/bash
# build with the real path, check through a symlinked folder (a CI workspace link)
mkdir -p real && cp racy.c real/ && ln -sfn real link || exit 99
clang -fsanitize=thread -g -O1 real/racy.c -o real/prog -pthread || exit 99
"$TSAN_VERIFY" --binary link/prog link/racy.c
