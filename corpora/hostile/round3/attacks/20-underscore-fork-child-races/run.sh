#!/bin/bash
"$TSAN_VERIFY" --timeout 60 ufork.c
