__attribute__((no_sanitize("thread"))) static inline void bump(int *p) { ++*p; }
