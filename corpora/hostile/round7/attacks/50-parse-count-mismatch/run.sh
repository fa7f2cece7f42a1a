#!/bin/bash
# A real log whose runtime counted 2 reports and shows 1 (one lost).
cd "$WORK"; "$TSAN_VERIFY" parse log.txt
