/* md5.h: the MD5 of a stream (nettle). */
#ifndef TSAN_VERIFY_MD5_H
#define TSAN_VERIFY_MD5_H

#include <stddef.h>
#include <stdio.h>

/* The MD5 of what is left to read of `stream` (the digest DWARF 5 records of a source file). Returns 0, or -1 when
 * reading failed. */
int stream_md5(FILE *stream, unsigned char digest[16]);
/* The MD5 of `length` bytes in memory. */
void bytes_md5(const char *bytes, size_t length, unsigned char digest[16]);

#endif
