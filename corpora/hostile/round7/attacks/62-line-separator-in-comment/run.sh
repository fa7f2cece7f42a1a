#!/bin/bash
# A U+2028 LINE SEPARATOR inside a comment (an editor breaks the line there; compilers do not).
cd "$WORK"; "$TSAN_VERIFY" case.c
