#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
TSAN_OPTIONS='stack_trace_format="    #%n %p in %f %s:%c"' nice "$TSAN_VERIFY" --opt O0 case.c
