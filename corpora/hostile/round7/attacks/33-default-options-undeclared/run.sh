#!/bin/bash
# A none case that races and compiles in __tsan_default_options("report_bugs=0") without declaring it.
cd "$WORK"; "$TSAN_VERIFY" case.c
