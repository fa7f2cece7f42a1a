#!/bin/bash
"$TSAN_VERIFY" child.c
