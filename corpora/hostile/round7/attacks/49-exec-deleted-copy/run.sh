#!/bin/bash
# The program copies itself, execs the copy, and a helper deletes the copy while it runs (it races).
cd "$WORK"; "$TSAN_VERIFY" case.c
