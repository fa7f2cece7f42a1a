#!/bin/bash
"$TSAN_VERIFY" daemon.c
