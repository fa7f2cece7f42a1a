#!/bin/bash
# expect-output with a zero width joiner (U+200D) inside its name: invisible, so a reader sees a marker.
cd "$WORK"; "$TSAN_VERIFY" case.c
