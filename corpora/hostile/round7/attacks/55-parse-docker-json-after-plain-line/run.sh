#!/bin/bash
# A Docker json-file log whose first line is not a record (a runner's own line), the racy report in records.
cd "$WORK"; "$TSAN_VERIFY" parse log.txt
