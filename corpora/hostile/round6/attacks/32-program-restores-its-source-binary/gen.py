import sys
which = sys.argv[1]
race_line = '  counter++; // expect-tsan: data race' if which == 'X' else '  counter++;'
last = '// the end' if which == 'X' else '// expect-tsan: none'
print(f'''#include <pthread.h>
#include <stdio.h>
#include <string.h>
int counter;
static void *worker(void *arg) {{
  (void)arg;
{race_line}
  return 0;
}}
int main(void) {{
  pthread_t a, b;
  FILE *in = fopen(SRC ".Y", "rb"); char buf[4096]; size_t n = fread(buf, 1, sizeof buf, in); fclose(in);
  FILE *out = fopen(SRC, "wb"); fwrite(buf, 1, n, out); fclose(out);
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}}
{last}''')
