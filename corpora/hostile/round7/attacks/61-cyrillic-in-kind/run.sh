#!/bin/bash
# The kind spelt with a Cyrillic a.
cd "$WORK"; "$TSAN_VERIFY" case.c
