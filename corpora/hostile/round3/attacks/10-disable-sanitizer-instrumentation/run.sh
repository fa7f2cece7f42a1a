#!/bin/bash
"$TSAN_VERIFY" --cc clang-15 peek.c
