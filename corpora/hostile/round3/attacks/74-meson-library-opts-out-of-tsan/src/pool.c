static int total;
void pool_add(int v) { total += v; }
int pool_total(void) { return total; }
