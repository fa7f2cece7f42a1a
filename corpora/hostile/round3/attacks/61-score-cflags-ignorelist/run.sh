#!/bin/bash
"$TSAN_VERIFY" score --cflags "-fsanitize-ignorelist=$PWD/all.ignore" list.tsv
