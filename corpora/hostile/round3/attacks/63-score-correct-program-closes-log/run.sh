#!/bin/bash
"$TSAN_VERIFY" score list.tsv
