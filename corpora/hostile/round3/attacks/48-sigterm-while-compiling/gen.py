# writes big.c: a racy case with many functions, slow to compile with TSan
n = 6000
with open("big.c", "w") as f:
    f.write("#include <pthread.h>\nint counter;\nint sink[64];\n")
    for i in range(n):
        f.write(f"__attribute__((noinline)) void f{i}(int x) {{ for (int k = 0; k < x; k++) sink[(k * {i}) & 63] += k ^ {i}; }}\n")
    f.write("void *worker(void *a) {\n  counter++; // expect-tsan: data race\n  return 0;\n}\n")
    f.write("int main(void) {\n  pthread_t t;\n  pthread_create(&t, 0, worker, 0);\n  counter++; // expect-tsan: data race\n  pthread_join(t, 0);\n")
    f.write("  f0(1);\n  return 0;\n}\n")
