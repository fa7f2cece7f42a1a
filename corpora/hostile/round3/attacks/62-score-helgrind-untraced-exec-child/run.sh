#!/bin/bash
"$TSAN_VERIFY" score --detector helgrind --timeout 300 list.tsv
