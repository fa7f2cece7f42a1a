# the twin without the watchdog's exit_group: TSan reports the thread leak at exit
sed 's/syscall(SYS_exit_group, 0);/pause();/' prog.c > /tmp/t59twin.c
clang-19 -fsanitize=thread -g -O2 /tmp/t59twin.c -o /tmp/t59twin && TSAN_OPTIONS=verbosity=1:atexit_sleep_ms=0 /tmp/t59twin 2>&1 >/dev/null | grep -E '^Stats: Size|WARNING|reported'
# the program itself: TSan's exit statistics, then exit_group before ThreadFinalize's leak report
clang-19 -fsanitize=thread -g -O2 prog.c -o /tmp/t59 && TSAN_OPTIONS=verbosity=1:atexit_sleep_ms=0 /tmp/t59 2>&1 >/dev/null | grep -E '^Stats: Size|WARNING|reported'; echo "exit=$?"
