#!/bin/bash
# A none case whose racy increment is an inline helper of a header marked no_sanitize("thread"), undeclared.
cd "$WORK"; "$TSAN_VERIFY" case.c
