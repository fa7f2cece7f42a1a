#!/bin/bash
# Real race on g, "expect-tsan: none". An atexit handler (runs before TSan's own finalizer) replaces the
# process's TSan log with a banner and forged exit statistics, then _exit(0) so TSan never prints its count.
cd "$(dirname "$0")"
exec nice -n 10 "$TSAN_VERIFY" case.c
