#!/bin/bash
"$TSAN_VERIFY" chain.c
