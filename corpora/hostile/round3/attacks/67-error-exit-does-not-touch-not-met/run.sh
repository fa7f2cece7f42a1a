#!/bin/bash
"$TSAN_VERIFY" --error-exit 99 none.c
