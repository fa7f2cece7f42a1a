/* An OpenMP loop whose iterations race: iteration i writes a[i + 1], which iteration i + 1 reads. Built with clang's
 * -fopenmp, the program calls libomp (__kmpc_fork_call), found through the RUNPATH clang writes and not built with
 * TSan. */
#include <stdio.h>

int a[100];

int main(void) {
  for (int i = 0; i < 100; i++)
    a[i] = i;
#pragma omp parallel for
  for (int i = 0; i < 99; i++)
    a[i + 1] = a[i] + 1;
  printf("a[50]=%d\n", a[50]);
  return 0;
}
