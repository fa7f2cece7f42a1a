cd "$WORK" && gcc-12 launch.c -o launch || exit 99
TSAN_OPTIONS=halt_on_error=0 ./launch "$TSAN_VERIFY" prog.c
