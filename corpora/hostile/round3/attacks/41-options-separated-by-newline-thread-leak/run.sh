#!/bin/bash
TSAN_OPTIONS=$'verbosity=0\nreport_thread_leaks=0\tsecond_deadlock_stack=0' "$TSAN_VERIFY" leak.c
