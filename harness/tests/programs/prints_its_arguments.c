/* prints_its_arguments.c: each argument in brackets, so that `tsan-verify CASE -- ARGS` can be seen to pass them
 * one by one, spaces inside an argument included. */
// expect-tsan: none
// expect-output: args: [one] [two words] [three]
#include <stdio.h>

int main(int argc, char **argv) {
  printf("args:");
  for (int i = 1; i < argc; i++)
    printf(" [%s]", argv[i]);
  printf("\n");
  return 0;
}
