#!/bin/bash
"$TSAN_VERIFY" leaks.c
