/* Built without TSan and linked with -Wl,--wrap=__tsan_write4: takes every call the case makes to that hook. */
void __wrap___tsan_write4(void *address);
void __wrap___tsan_write4(void *address) { (void)address; }
