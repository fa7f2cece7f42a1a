clang -O1 -g -fPIC -shared helper.c -o libhelper.so
clang -fsanitize=thread -g -O1 -pthread cfl.c -L. -lhelper -Wl,-rpath,'$ORIGIN' -o cfl
