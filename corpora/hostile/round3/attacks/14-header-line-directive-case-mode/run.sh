#!/bin/bash
printf '#line 9 "%s/ren.c"\nstatic inline void bump(void) { counter++; }\n' "$PWD" > ren.h
"$TSAN_VERIFY" ren.c
