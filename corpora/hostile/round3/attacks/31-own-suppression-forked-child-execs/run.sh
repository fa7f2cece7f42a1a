#!/bin/bash
"$TSAN_VERIFY" fe.c
