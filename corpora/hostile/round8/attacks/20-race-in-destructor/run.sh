#!/bin/bash
# the race happens in a destructor (.fini_array), after TSan's atexit finalizer has printed its statistics
cd "$(dirname "$0")"; exec nice -n 10 "$TSAN_VERIFY" case.c
