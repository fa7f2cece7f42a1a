/* Ends by abort(): SIGABRT, which TSan does not handle by default (handle_abort=0). */
#include <stdlib.h>

// expect-tsan: none
int main(void) { abort(); }
