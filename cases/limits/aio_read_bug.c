/* The mistake: main starts an asynchronous read into `buffer` with aio_read and looks at the buffer before the read
 * is done; until aio_error stops returning EINPROGRESS, the read may still be filling it, and nothing orders that
 * write before main's read. TSan reports nothing: glibc runs the read on a helper thread it starts with its internal
 * __pthread_create, and fills the buffer with its internal __pread64, neither of them the functions TSan intercepts,
 * and no runtime has an interceptor for the aio functions (none of clang 13 to 19 or gcc 11 and 12 exports one,
 * measured with nm), so the write into the buffer, the kernel's, is never seen.
 * Source: POSIX.1-2017 aio_read(); POSIX.1-2017 aio_error(); glibc 2.36 rt/aio_misc.c __aio_enqueue_request,
 * handle_fildes_io; glibc 2.36 sysdeps/unix/sysv/linux/aio_misc.h __aio_create_helper_thread; compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pread64 (LLVM 14); measured only. */
#include "../casebook.h"
#include <aio.h>
#include <errno.h>
#include <string.h>

// expect-tsan: none -- misses: the read's write into the buffer is glibc's and the kernel's, unseen
// expect-output: main: read 19 bytes

static char buffer[64];

/* Waits until the read is no longer in progress. */
static void wait_for(const struct aiocb *request) {
  const struct aiocb *pending[] = {request};
  while (aio_error(request) == EINPROGRESS)
    aio_suspend(pending, 1, NULL);
}

int main(void) {
  FILE *file = tmpfile();
  if (!file || fputs("hello from the file", file) == EOF || fflush(file) != 0) {
    perror("tmpfile");
    return 1;
  }
  struct aiocb request;
  memset(&request, 0, sizeof request);
  request.aio_fildes = fileno(file);
  request.aio_buf = buffer;
  request.aio_nbytes = sizeof buffer - 1;
  if (aio_read(&request) != 0) {
    perror("aio_read");
    return 1;
  }
  char first = buffer[0]; // expect-bug: data race -- the read may still be filling the buffer
  wait_for(&request);
  say("main: the buffer started with %s", first == 'h' ? "the file's text" : "nothing yet");
  say("main: read %zd bytes", aio_return(&request));
  fclose(file);
  return 0;
}
