/* md5.c: the MD5 of a file's bytes, or of bytes in memory, with nettle: the digest DWARF 5 records of each source file
 * (sourceid.c, and markers.c's freshness check). Apart from readfile.c so that what reads text needs no cryptographic
 * library. */
#include "base/md5.h"

#include <nettle/md5.h>

void bytes_md5(const char *bytes, size_t length, unsigned char digest[16]) {
  struct md5_ctx md5;
  md5_init(&md5);
  md5_update(&md5, length, (const uint8_t *)bytes);
  md5_digest(&md5, 16, digest);
}

int stream_md5(FILE *stream, unsigned char digest[16]) {
  struct md5_ctx md5;
  md5_init(&md5);
  unsigned char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, stream)) > 0)
    md5_update(&md5, got, chunk);
  md5_digest(&md5, 16, digest);
  return ferror(stream) ? -1 : 0;
}
