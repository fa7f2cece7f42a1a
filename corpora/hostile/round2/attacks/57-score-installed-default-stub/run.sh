#!/usr/bin/env bash
cd "$WORK"
printf 'racy.c\tbug\nclean.c\tcorrect\n' > list.tsv
printf 'int main(void) { return 0; }\n' > clean.c
"$TSAN_VERIFY" score --timeout 10 list.tsv
