// expect-tsan: none
/* Builds a deep folder tree in its working folder (a cache, one level per key
   byte), as deep as the file system lets it go. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  for (int i = 0; i < 400; i++) {
    char name[64];
    snprintf(name, sizeof name, "level-%03d-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", i);
    if (mkdirat(dir, name, 0755) != 0) break;
    int next = openat(dir, name, O_RDONLY | O_DIRECTORY);
    close(dir);
    dir = next;
  }
  int f = openat(dir, "leaf", O_WRONLY | O_CREAT, 0644);
  close(f);
  close(dir);
  puts("done");
  return 0;
}
