#!/bin/bash
# clang builds the case itself: peek() carries no_sanitize("thread"), undeclared.
"$TSAN_VERIFY" peek.c
