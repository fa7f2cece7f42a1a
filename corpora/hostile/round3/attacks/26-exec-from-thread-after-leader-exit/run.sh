#!/bin/bash
"$TSAN_VERIFY" --timeout 10 zle.c
