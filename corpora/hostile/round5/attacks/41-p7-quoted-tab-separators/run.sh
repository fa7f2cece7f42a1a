cd "$WORK" && TSAN_OPTIONS=$'\tsuppressions="my rules.supp"\r\nreport_thread_leaks=0,' "$TSAN_VERIFY" prog.c
