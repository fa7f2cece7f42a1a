#!/bin/bash
"$TSAN_VERIFY" supexec.c
