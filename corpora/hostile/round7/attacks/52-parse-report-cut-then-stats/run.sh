#!/bin/bash
# A report cut after its first stack, followed by exit statistics and no count line.
cd "$WORK"; "$TSAN_VERIFY" parse log.txt
