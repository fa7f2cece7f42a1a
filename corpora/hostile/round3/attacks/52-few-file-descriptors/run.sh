#!/bin/bash
ulimit -n 12
"$TSAN_VERIFY" racy.c
