#!/bin/bash
"$TSAN_VERIFY" fpstate.c
