void counter_bump(void);
void counter_run(void);
