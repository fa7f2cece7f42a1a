#ifndef COUNTER_H
#define COUNTER_H
/* Adds COUNTER_STEP to the stored value: a read, then a write, with nothing ordering two callers. */
void counter_bump(void);
int counter_value(void);
void store_put(int value);
int store_get(void);
#endif
