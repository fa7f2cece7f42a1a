// expect-tsan: none
/* Writes its result file in its working folder and marks it immutable
   (FS_IMMUTABLE_FL, as root), as a test that checks a "read-only result" might. */
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
int main(void) {
  int fd = open("result.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return 1;
  if (write(fd, "ok\n", 3) != 3) return 1;
  int flags = 0;
  if (ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
    flags |= FS_IMMUTABLE_FL;
    if (ioctl(fd, FS_IOC_SETFLAGS, &flags) != 0) perror("FS_IOC_SETFLAGS");
  }
  close(fd);
  puts("result written");
  return 0;
}
