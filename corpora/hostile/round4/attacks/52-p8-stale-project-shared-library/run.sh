#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang-19 -fsanitize=thread -g -O1 -fPIC -shared counter.c -o libcounter.so && clang-19 -fsanitize=thread -g -O1 t.c -L. -lcounter -Wl,-rpath,'$ORIGIN' -o t || exit 99
sleep 1.1; sed -i "s/pthread_mutex_lock(&m);/\/\* lock dropped \*\//; s/pthread_mutex_unlock(&m);//" counter.c || exit 99
sleep 1.1; touch libcounter.so
nice "$TSAN_VERIFY" ./t
