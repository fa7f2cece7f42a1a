#!/bin/bash
cd "$(dirname "$0")"; exec nice -n 10 "$TSAN_VERIFY" case.c
