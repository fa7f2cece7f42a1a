#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
autoreconf -fi >ar.log 2>&1 || { cat ar.log; exit 99; }
./configure CC=gcc >cf.log 2>&1 || { cat cf.log; exit 99; }
make libcounter.la t >mk.log 2>&1 || { cat mk.log; exit 99; }
head -5 t | grep -q libtool || exit 99
nice "$TSAN_VERIFY" --error-exit 97 ./t
