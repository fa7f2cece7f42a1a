void pool_run(void);
int main(void) {
  pool_run();
  return 0;
}
// expect-tsan: data race in add_unlocked
