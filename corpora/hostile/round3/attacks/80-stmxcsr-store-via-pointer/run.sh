#!/bin/bash
"$TSAN_VERIFY" sse.c
