cd "$WORK" && clang-16 -g -O3 -c util.c -o util.o && ar rcs libutil.a util.o && clang-16 -fsanitize=thread -g -O3 prog.c -L. -lutil -o prog || exit 99
"$TSAN_VERIFY" --binary ./prog prog.c
