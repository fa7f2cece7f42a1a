#!/bin/bash
# __tsan_ignore_thread_begin looked up by dlsym under an obfuscated name: no reference in the binary
cd "$(dirname "$0")"; exec nice -n 10 "$TSAN_VERIFY" case.c
