/* the project's math helpers: pure functions of their arguments */
int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
int mix(int a, int b) { return (a * 31) ^ (b >> 3); }
