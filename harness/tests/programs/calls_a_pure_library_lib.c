/* Built without TSan, with -g: functions of their arguments alone, which touch no memory TSan would watch (its pass
 * would add no hook to them either). */
int twice(int x);
int twice(int x) { return 2 * x; }
