#!/bin/bash
"$TSAN_VERIFY" destroy.c
