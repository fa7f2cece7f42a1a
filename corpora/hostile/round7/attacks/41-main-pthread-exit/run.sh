#!/bin/bash
# main leaves by pthread_exit while its racy workers run: the process ends when the last thread does.
cd "$WORK"; "$TSAN_VERIFY" case.c
