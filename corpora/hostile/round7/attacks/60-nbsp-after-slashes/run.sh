#!/bin/bash
# A second marker written after a no-break space (U+00A0) instead of a space, on a line with no race.
cd "$WORK"; "$TSAN_VERIFY" case.c
