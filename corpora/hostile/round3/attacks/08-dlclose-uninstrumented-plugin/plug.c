void plug_bump(int *p) { (*p)++; }
