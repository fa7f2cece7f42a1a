#!/bin/bash
"$TSAN_VERIFY" --cc gcc peek.c
