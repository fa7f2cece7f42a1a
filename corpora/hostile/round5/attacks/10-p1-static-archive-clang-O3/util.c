int total;
__attribute__((noinline)) void add(int v) { total += v; }
