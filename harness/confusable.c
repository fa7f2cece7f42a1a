/* confusable.c: Unicode look-alikes, decided by the Unicode consortium's confusables data through ICU. */
#include "confusable.h"
#include "util.h"

#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

char *confusable_skeleton(const char *text, size_t length) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = 0;
  u_strFromUTF8(NULL, 0, &units, text, (int32_t)length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
    return NULL;
  UChar *wide = xcalloc((size_t)units + 1, sizeof *wide);
  status = U_ZERO_ERROR;
  u_strFromUTF8(wide, units + 1, NULL, text, (int32_t)length, &status);
  /* Invisible characters first (Default_Ignorable_Code_Point: U+200B zero width space, U+00AD soft hyphen, U+2060
   * word joiner, ...): a reader does not see them, so "expect<U+200B>-tsan" reads as the marker it hides. */
  int32_t kept = 0;
  for (int32_t i = 0; i < units;) {
    UChar32 c;
    int32_t start = i;
    U16_NEXT(wide, i, units, c);
    if (!u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
      while (start < i)
        wide[kept++] = wide[start++];
  }
  units = kept;
  wide[units] = 0;
  /* NFKC next: the skeleton alone leaves fullwidth letters (U+FF45) as they are. */
  const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
  int32_t capacity = 4 * units + 16;
  UChar *folded = xcalloc((size_t)capacity, sizeof *folded);
  int32_t folded_length = U_SUCCESS(status) ? unorm2_normalize(nfkc, wide, units, folded, capacity, &status) : 0;
  USpoofChecker *checker = U_SUCCESS(status) ? uspoof_open(&status) : NULL;
  char *skeleton = NULL;
  if (U_SUCCESS(status)) {
    UChar *shape = xcalloc((size_t)capacity * 4, sizeof *shape);
    int32_t shape_length = uspoof_getSkeleton(checker, 0, folded, folded_length, shape, capacity * 4, &status);
    int32_t bytes = 0;
    if (U_SUCCESS(status)) {
      u_strToUTF8(NULL, 0, &bytes, shape, shape_length, &status);
      status = status == U_BUFFER_OVERFLOW_ERROR ? U_ZERO_ERROR : status;
      skeleton = xcalloc((size_t)bytes + 1, 1);
      u_strToUTF8(skeleton, bytes + 1, NULL, shape, shape_length, &status);
      if (U_FAILURE(status)) {
        free(skeleton);
        skeleton = NULL;
      }
    }
    free(shape);
  }
  if (checker)
    uspoof_close(checker);
  free(folded);
  free(wide);
  return skeleton;
}

char *first_non_ascii_character(const char *text, size_t length) {
  int32_t at = 0;
  while ((size_t)at < length && (unsigned char)text[at] < 0x80)
    at++;
  if ((size_t)at >= length)
    return xstrdup("no character outside ASCII");
  UChar32 c;
  U8_NEXT(text, at, (int32_t)length, c);
  if (c < 0)
    return xstrdup("bytes that are not UTF-8");
  char name[128] = "";
  UErrorCode status = U_ZERO_ERROR;
  u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  return U_SUCCESS(status) && name[0] ? xprintf("U+%04X %s", (unsigned)c, name) : xprintf("U+%04X", (unsigned)c);
}
