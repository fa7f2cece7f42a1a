#!/usr/bin/env bash
cd "$WORK"
echo 'int svcomp_stub_dummy;' > stub.c
printf 'racy.c\tbug\r\nflush.c\tcorrect\r\n' > crlf.tsv
"$TSAN_VERIFY" score --stub stub.c --timeout 10 crlf.tsv
