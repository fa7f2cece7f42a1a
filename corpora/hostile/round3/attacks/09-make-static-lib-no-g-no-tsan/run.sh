#!/bin/bash
make -s test >/dev/null || exit 99
"$TSAN_VERIFY" ./test
