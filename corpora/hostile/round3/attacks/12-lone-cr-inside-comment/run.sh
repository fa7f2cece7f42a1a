#!/bin/bash
"$TSAN_VERIFY" --cc gcc lonecr.c
