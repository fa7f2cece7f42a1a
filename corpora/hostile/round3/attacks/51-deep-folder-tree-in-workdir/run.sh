#!/bin/bash
"$TSAN_VERIFY" deep.c
