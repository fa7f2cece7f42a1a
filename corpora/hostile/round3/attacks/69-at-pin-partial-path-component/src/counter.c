int counter;
void counter_bump(void) {
  counter++;
}
