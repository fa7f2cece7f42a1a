#!/bin/bash
"$TSAN_VERIFY" uaf.c
