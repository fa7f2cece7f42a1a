int total;
void add_unlocked(int v) { total += v; }
void add(int v) { (void)v; }
