/* The fix: main waits until aio_error no longer returns EINPROGRESS (aio_suspend sleeps until then) before it looks at
 * the buffer, so the read is complete and its bytes are all there when main reads them. TSan reports nothing, as for
 * aio_read_bug.c, and here rightly: it never sees the read's write into the buffer either way, so its silence says
 * nothing about the order.
 * Source: POSIX.1-2017 aio_error(); POSIX.1-2017 aio_suspend(); glibc 2.36 rt/aio_misc.c handle_fildes_io. */
#include "../casebook.h"
#include <aio.h>
#include <errno.h>
#include <string.h>

// expect-tsan: none
// expect-bug: none
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
  wait_for(&request);
  char first = buffer[0];
  say("main: the buffer started with %s", first == 'h' ? "the file's text" : "nothing yet");
  say("main: read %zd bytes", aio_return(&request));
  fclose(file);
  return 0;
}
