/* No race: every shared access is atomic or ordered by the join, and the code uses every atomic operation TSan's
 * passes turn into runtime calls (load, store, exchange, compare-exchange, fetch-add, fences), memsets and struct
 * copies of globals and of locals, and a loop over a local array. Built with TSan at any level, no function of it
 * may be taken for uninstrumented. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

struct block {
  long words[6];
} global_block, other_block;
atomic_int flag;
long counter;
int cells[64];

static void *worker(void *arg) {
  atomic_fetch_add_explicit(&flag, 1, memory_order_relaxed);
  int expected = 1;
  atomic_compare_exchange_strong(&flag, &expected, 2);
  atomic_exchange(&flag, 3);
  atomic_thread_fence(memory_order_seq_cst);
  __atomic_add_fetch(&counter, 1, __ATOMIC_SEQ_CST);
  __sync_fetch_and_add(&counter, 1);
  __sync_synchronize();
  atomic_store_explicit(&flag, 4, memory_order_release);
  return arg;
}

static long walk_local_array(int n) {
  int local[32];
  for (int i = 0; i < 32; i++)
    local[i] = i * n;
  long sum = 0;
  for (int *p = local; p < local + 32; p++)
    sum += *p;
  return sum;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  int seen = atomic_load_explicit(&flag, memory_order_acquire);
  pthread_join(thread, NULL);
  memset(&global_block, 0, sizeof global_block);
  other_block = global_block;
  struct block local;
  memset(&local, seen, sizeof local);
  global_block = local;
  for (int i = 0; i < 64; i++)
    cells[i] = i;
  return (int)(walk_local_array(seen) + counter + global_block.words[2] + other_block.words[1]) & 0;
}
// expect-tsan: none
