#!/bin/bash
"$TSAN_VERIFY" nle.c
