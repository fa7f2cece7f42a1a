#!/bin/bash
# A none case that races inside AnnotateIgnoreWritesBegin/End, called through weak declarations (a library's
# optional hooks), undeclared.
cd "$WORK"; "$TSAN_VERIFY" case.c
