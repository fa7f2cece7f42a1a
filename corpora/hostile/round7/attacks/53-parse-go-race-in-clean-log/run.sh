#!/bin/bash
# A clean TSan log (banner, statistics) from a C helper, and a Go race detector report in the same CI log.
cd "$WORK"; "$TSAN_VERIFY" parse log.txt
