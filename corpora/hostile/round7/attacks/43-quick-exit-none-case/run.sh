#!/bin/bash
# quick_exit in a none case that races.
cd "$WORK"; "$TSAN_VERIFY" case.c
