int total;
void add(int v) { total += v; }
