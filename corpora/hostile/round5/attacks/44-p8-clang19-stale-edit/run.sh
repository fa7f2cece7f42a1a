cd "$WORK" && clang-19 -fsanitize=thread -g -O1 race.c -o prog || exit 99
# the fix: the worker now bumps h under no race... (the source changes, the binary stays)
sed -i '5s/.*/  h = 1; \/\/ expect-tsan: data race/' race.c
touch -d '2001-01-01' race.c
"$TSAN_VERIFY" --binary ./prog race.c
