#!/bin/bash
# `# 7 "case.c"` (the preprocessor's own line-marker form, no `line` keyword) before a racy write elsewhere: the
# race is reported on line 7, where the marker sits on a thread-local increment.
cd "$WORK"; "$TSAN_VERIFY" case.c
