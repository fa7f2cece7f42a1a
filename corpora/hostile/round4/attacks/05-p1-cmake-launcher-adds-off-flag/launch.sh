#!/bin/sh
case "$*" in *counter.c*) exec "$@" -fno-sanitize=thread;; esac
exec "$@"
