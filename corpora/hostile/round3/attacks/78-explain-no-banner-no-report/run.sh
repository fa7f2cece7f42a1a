#!/bin/bash
# a CI log of a run without verbosity=1 whose program printed about races itself
printf 'running tests\ntest_pool: ok\nno data race found by our own checker\n' > ci.log
"$TSAN_VERIFY" explain ci.log
