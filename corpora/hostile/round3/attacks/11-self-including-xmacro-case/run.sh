#!/bin/bash
"$TSAN_VERIFY" selfinc.c
