#!/bin/bash
"$TSAN_VERIFY" inv.c
