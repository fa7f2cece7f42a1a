/* a "profiling shim" for TSan's 4-byte write hook that forgets to forward */
void __wrap___tsan_write4(void *p) { (void)p; }
