/* The same correct pool, annotated so that TSan follows the blocks: pool_put() calls __tsan_release() on the block
 * next to its release fence, and pool_get() __tsan_acquire() on it next to its acquire fence, the two edges the
 * fences make. TSan now sees First's use of the block happen-before Second's and reports nothing. An allocator
 * annotates the block it hands over, not the list's head: the edge belongs to the memory that changes hands.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface.cpp __tsan_acquire, __tsan_release (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence (LLVM 14). */
#include "../casebook.h"
#include <sanitizer/tsan_interface.h>
#include <stdatomic.h>
#include <string.h>

// expect-tsan: none
// expect-output: Thread Second holds the block First gave back.

struct block {
  struct block *next;
  const char *owner;
};
static _Atomic(struct block *) free_list;
static invisible_barrier given_back;

static void pool_put(struct block *block) {
  struct block *head = atomic_load_explicit(&free_list, memory_order_relaxed);
  do {
    block->next = head;
    atomic_thread_fence(memory_order_release); /* the block's contents and link, before it shows on the list */
    __tsan_release(block);
  } while (
      !atomic_compare_exchange_weak_explicit(&free_list, &head, block, memory_order_relaxed, memory_order_relaxed));
}

static struct block *pool_get(void) {
  struct block *head = atomic_load_explicit(&free_list, memory_order_relaxed);
  for (;;) {
    if (head == NULL)
      return NULL;
    atomic_thread_fence(memory_order_acquire); /* pairs with pool_put's fence */
    __tsan_acquire(head);
    struct block *next = head->next;
    if (atomic_compare_exchange_weak_explicit(&free_list, &head, next, memory_order_relaxed, memory_order_relaxed))
      return head;
  }
}

static void *worker(void *arg) {
  const char *name = arg;
  bool second = strcmp(name, "Second") == 0;
  if (second)
    invisible_barrier_wait(&given_back); /* Second takes a block once First has given it back */
  struct block *block = pool_get();
  block->owner = name;
  if (second)
    say("Thread %s holds the block %s gave back.", block->owner, "First");
  pool_put(block);
  if (!second)
    invisible_barrier_wait(&given_back);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  struct block *block = malloc(sizeof *block);
  if (block == NULL)
    return 1;
  pool_put(block); /* the pool's only block */
  invisible_barrier_init(&given_back, 2);
  pthread_create(&threads[0], NULL, worker, "First");
  pthread_create(&threads[1], NULL, worker, "Second");
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  free(pool_get());
  return 0;
}

/* The acquire/release annotations stand for the fences TSan does not model; the harness is told they are meant. */
// tsan-hides: sync-annotations -- __tsan_release/__tsan_acquire order what the pool's fences order
