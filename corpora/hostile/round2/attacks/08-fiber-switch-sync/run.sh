#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" fiber.c
