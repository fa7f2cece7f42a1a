#!/bin/bash
"$TSAN_VERIFY" ign.c
