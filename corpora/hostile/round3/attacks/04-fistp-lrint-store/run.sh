#!/bin/bash
"$TSAN_VERIFY" lrint.c
