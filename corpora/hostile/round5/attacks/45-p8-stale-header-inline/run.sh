cd "$WORK" && clang-19 -fsanitize=thread -g -O1 race.c -o prog || exit 99
printf 'static inline void bump(int *p) {\n  __atomic_fetch_add(p, 1, __ATOMIC_RELAXED); // expect-tsan: data race\n}\n' > bump.h
touch -d '2001-01-01' bump.h
"$TSAN_VERIFY" ./prog
