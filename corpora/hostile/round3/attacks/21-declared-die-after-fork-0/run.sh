#!/bin/bash
"$TSAN_VERIFY" --timeout 60 fork_thread.c
