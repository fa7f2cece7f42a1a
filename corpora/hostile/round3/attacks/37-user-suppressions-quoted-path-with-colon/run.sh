#!/bin/bash
mkdir -p "ci:rules" && printf 'race:worker\n' > "ci:rules/ci.supp"
TSAN_OPTIONS="verbosity=0 suppressions='$PWD/ci:rules/ci.supp'" "$TSAN_VERIFY" none.c
