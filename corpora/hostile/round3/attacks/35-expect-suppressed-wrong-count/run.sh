#!/bin/bash
"$TSAN_VERIFY" --cc gcc two.c
