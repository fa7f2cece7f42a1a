#!/bin/bash
# The program dlopens the project's plugin (built with -g, without TSan; its path made at run time), runs it in two
# threads (an unlocked ++ in the plugin), and dlcloses it before exit, so no map of the process names it at exit.
cd "$WORK"
gcc -g -O1 -fPIC -shared plugin.c -o libplugin.so || exit 99
clang -fsanitize=thread -g -O1 case.c -o prog -ldl || exit 99
PLUGIN_DIR=$WORK "$TSAN_VERIFY" --binary ./prog case.c
