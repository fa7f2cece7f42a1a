void counter_bump(void);
int counter_get(void);
