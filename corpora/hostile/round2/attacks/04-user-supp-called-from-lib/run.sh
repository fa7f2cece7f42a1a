#!/usr/bin/env bash
cd "$WORK"
bash build.sh || exit 3
echo 'called_from_lib:libhelper.so' > ci.supp
TSAN_OPTIONS=suppressions=$PWD/ci.supp "$TSAN_VERIFY" --binary ./cfl cfl.c
