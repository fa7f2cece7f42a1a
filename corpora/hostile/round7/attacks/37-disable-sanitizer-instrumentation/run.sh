#!/bin/bash
# clang 14's disable_sanitizer_instrumentation (not no_sanitize): the racy increment in a helper TSan never sees.
cd "$WORK"; "$TSAN_VERIFY" case.c
