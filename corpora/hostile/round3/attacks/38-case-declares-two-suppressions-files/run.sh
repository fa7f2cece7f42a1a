#!/bin/bash
"$TSAN_VERIFY" twosupp.c
