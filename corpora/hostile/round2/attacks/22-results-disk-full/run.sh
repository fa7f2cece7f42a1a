#!/usr/bin/env bash
# --results onto a full device. Through a symbolic link in the scratch folder, so that a harness that replaces what
# it is given (as one did, as root: it unlinked /dev/full and renamed a regular file onto it) harms only the link.
cd "$WORK"
ln -sf /dev/full full
"$TSAN_VERIFY" --results full racy.c
