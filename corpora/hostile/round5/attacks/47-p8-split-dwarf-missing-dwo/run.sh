cd "$WORK" && clang-14 -fsanitize=thread -g -gsplit-dwarf -O1 -c race.c -o race.o && clang-14 -fsanitize=thread race.o -o prog || exit 99
rm -f race.dwo
"$TSAN_VERIFY" --binary ./prog race.c
