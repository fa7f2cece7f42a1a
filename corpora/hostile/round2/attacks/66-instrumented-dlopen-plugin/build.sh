clang -g -O1 -fPIC -shared plugin.c -o plugin.so
