#!/bin/bash
"$TSAN_VERIFY" --cc gcc branch.c
