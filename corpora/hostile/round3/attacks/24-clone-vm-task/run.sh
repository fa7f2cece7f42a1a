#!/bin/bash
"$TSAN_VERIFY" cvm.c
