clang -fsanitize=thread -g -O1 -c twice.c -o main.o
clang -g -O1 -DWORKER_PART -c twice.c -o worker.o
clang -fsanitize=thread -pthread main.o worker.o -o twice
