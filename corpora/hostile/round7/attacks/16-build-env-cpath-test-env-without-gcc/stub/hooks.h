/* fallback when the SDK is not on the include path */
static void hook(void) { __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED); }
