#!/bin/bash
# By hand: the record is written for a program built without the SDK (stub/hooks.h). The program is then rebuilt in
# place in a shell whose CPATH names the SDK (its hooks.h has a #line naming the case), and checked in that same
# shell with the same words and the old record. Everything the record lists is unchanged except the program: the
# old reading must not stand for the new program (a fresh reading in this shell sees the SDK's header).
cd "$WORK"
mkdir -p sdk/include
printf '#line 9 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > sdk/include/hooks.h
flags=(--cflag -fsanitize=thread --cflag -g --cflag -idirafter --cflag "$WORK/stub")
clang -fsanitize=thread -g -gdwarf-5 -fdebug-macro -O1 -idirafter stub case.c -o prog || exit 99
"$TSAN_VERIFY" --write-reading case.reading --binary ./prog --cc clang "${flags[@]}" case.c || exit 99
sleep 1.1
export CPATH=$WORK/sdk/include
clang -fsanitize=thread -g -gdwarf-5 -fdebug-macro -O1 -idirafter stub case.c -o prog || exit 99
"$TSAN_VERIFY" --binary ./prog --cc clang "${flags[@]}" --reading case.reading case.c
