#!/bin/bash
"$TSAN_VERIFY" --cc gcc --opt O2 remember.c
