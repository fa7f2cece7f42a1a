#!/bin/bash
# A clean-looking log without the runtime's banner: no proof TSan ran in it.
cd "$WORK"; "$TSAN_VERIFY" parse log.txt
