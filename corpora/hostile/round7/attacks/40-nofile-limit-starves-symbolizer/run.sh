#!/bin/bash
# The racy case lowers RLIMIT_NOFILE before racing: TSan may not get the pipes for its symbolizer.
cd "$WORK"; "$TSAN_VERIFY" case.c
