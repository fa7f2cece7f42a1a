static void hook(void) { __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED); }
