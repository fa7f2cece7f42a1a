#!/bin/bash
"$TSAN_VERIFY" immut.c
