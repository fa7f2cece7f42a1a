#!/bin/bash
"$TSAN_VERIFY" racy3.c
