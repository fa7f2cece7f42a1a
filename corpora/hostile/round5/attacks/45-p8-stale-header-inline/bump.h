static inline void bump(int *p) {
  (*p)++; // expect-tsan: data race
}
