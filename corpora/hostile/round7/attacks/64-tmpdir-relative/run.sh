#!/bin/bash
# A relative TMPDIR (made absolute once by the harness).
cd "$WORK"; mkdir -p rel; TMPDIR=rel "$TSAN_VERIFY" case.c; rc=$?; [ -z "$(ls -A rel)" ] || exit 98; exit $rc
