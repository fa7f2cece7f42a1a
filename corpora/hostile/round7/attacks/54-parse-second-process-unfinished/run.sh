#!/bin/bash
# A clean process's log, then another process's banner and report, and nothing after (it died).
cd "$WORK"; "$TSAN_VERIFY" parse log.txt
