void counter_bump(void);
void counter_bump_locked(void);
int counter_get(void);
