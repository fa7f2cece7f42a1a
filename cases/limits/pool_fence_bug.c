/* Correct code that TSan gets wrong: a block pool whose free list orders its blocks with fences, as allocators
 * tuned for speed do. pool_put() puts a release fence between a block's last use (and its link) and the relaxed
 * swap that lists it, and pool_get() an acquire fence between the relaxed load that finds it and the reads of it,
 * so First's writes happen-before Second's once the block is recycled. TSan does not model fences, and a custom
 * pool never calls free(), so TSan still holds First's accesses for the block and reports two data races: Second's
 * read of the link against First's write, and Second's write of the owner against First's. Both are false
 * positives of the same kind as fence_bug.c, here on memory that changes hands, which is where allocators meet them.
 * Source: C11 7.17.4p2; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence (LLVM 13); compiler-rt lib/tsan/rtl/tsan_mman.cpp
 * OnUserAlloc, OnUserFree (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>
#include <string.h>

// expect-output: Thread Second holds the block First gave back.
// expect-bug: none -- the program is correct: the reports below are false positives

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
  } while (
      !atomic_compare_exchange_weak_explicit(&free_list, &head, block, memory_order_relaxed, memory_order_relaxed));
}

static struct block *pool_get(void) {
  struct block *head = atomic_load_explicit(&free_list, memory_order_relaxed);
  for (;;) {
    if (head == NULL)
      return NULL;
    atomic_thread_fence(memory_order_acquire); /* pairs with pool_put's fence */
    struct block *next = head->next;           // expect-tsan: data race -- false positive: fences order the link
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
  block->owner = name; // expect-tsan: data race -- false positive: the fences order First's use before Second's
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
