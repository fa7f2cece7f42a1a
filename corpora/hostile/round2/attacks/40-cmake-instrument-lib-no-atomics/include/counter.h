void counter_run(void);
extern long hits;
