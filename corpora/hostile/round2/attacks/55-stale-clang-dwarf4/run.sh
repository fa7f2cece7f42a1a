#!/usr/bin/env bash
cd "$WORK"
cp racy.c orig.c
clang -fsanitize=thread -g -gdwarf-4 -O1 -pthread racy.c -o racy || exit 3
sleep 1
sed -i 's|^  counter++; // expect-tsan: data race$|  counter++; // expect-tsan: data race\n  counter--;|' racy.c
touch racy.c
"$TSAN_VERIFY" --binary ./racy racy.c
