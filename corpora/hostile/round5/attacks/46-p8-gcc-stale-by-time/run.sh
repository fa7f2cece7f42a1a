cd "$WORK" && gcc-12 -fsanitize=thread -g -O1 -pthread race.c -o prog || exit 99
touch -d '2001-01-01' prog
sed -i '5s/.*/  h = 1; \/\/ expect-tsan: data race/' race.c
"$TSAN_VERIFY" ./prog
