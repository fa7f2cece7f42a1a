#!/bin/bash
# A none case that races after closing every inherited descriptor (TSan's log among them) and opening its own
# output file, which takes the log's descriptor number.
cd "$WORK"; "$TSAN_VERIFY" case.c; rc=$?; cat result.txt | head -5; exit $rc
