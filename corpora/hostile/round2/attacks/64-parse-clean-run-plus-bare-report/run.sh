#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" parse clean-plus-bare.log
