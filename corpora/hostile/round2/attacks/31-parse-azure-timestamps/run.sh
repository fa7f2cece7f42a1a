#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" parse azure.log
