#!/bin/bash
# The project's plugin, built with -g but without TSan; the host dlopens it,
# both threads bump one int through it, then dlclose()s it before exit (so it is
# no longer in /proc/PID/maps when the process ends).
gcc -g -O1 -fPIC -shared plug.c -o libplug.so || exit 99
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -DPLUGDIR=\"$PWD\" -ldl" host.c
