long counter_run(void);
