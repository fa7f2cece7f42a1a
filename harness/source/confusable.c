/* confusable.c: Unicode look-alikes, decided by the Unicode consortium's confusables data through ICU. */
#include "source/confusable.h"
#include "base/util.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/uvernum.h>

/* ICU's headers rename every entry point after its version (unicode/urename.h: uspoof_open is
 * U_ICU_ENTRY_POINT_RENAME(uspoof_open), uspoof_open_72 for ICU 72), and the library exports only the renamed
 * symbol. Spelling the name after macro expansion gives the symbol the headers' declarations mean, whatever the
 * version; the pointer has the type of that declaration. */
#define ICU_SPELLING(name) #name
#define ICU_SYMBOL(name) ICU_SPELLING(name)
/* ICU's Linux build names its libraries lib<name>.so.<major> (icu4c/source/config/mh-linux: SO_TARGET_VERSION_MAJOR).
 * The i18n library (the spoof checker) needs the common one (strings, properties, NFKC), which the loader brings. */
#define ICU_I18N_LIBRARY "libicui18n.so." U_ICU_VERSION_SHORT

struct unicode {
  void *library;
  __typeof__(u_strFromUTF8) *str_from_utf8;
  __typeof__(u_strToUTF8) *str_to_utf8;
  __typeof__(u_hasBinaryProperty) *has_binary_property;
  __typeof__(u_charName) *char_name;
  __typeof__(unorm2_getNFKCInstance) *nfkc_instance;
  __typeof__(unorm2_normalize) *normalize;
  __typeof__(uspoof_open) *spoof_open;
  __typeof__(uspoof_getSkeleton) *spoof_skeleton;
  __typeof__(uspoof_close) *spoof_close;
};

static void *entry_point(struct unicode *unicode, const char *symbol, char **missing) {
  void *address = dlsym(unicode->library, symbol);
  if (!address && !*missing)
    *missing = xstrdup(symbol);
  return address;
}

struct unicode *unicode_open(char **error) {
  void *library = dlopen(ICU_I18N_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char *why = dlerror();
    *error = xprintf("ICU %s cannot be loaded: %s", U_ICU_VERSION, why ? why : ICU_I18N_LIBRARY " was not found");
    return NULL;
  }
  struct unicode *unicode = xcalloc(1, sizeof *unicode);
  unicode->library = library;
  char *missing = NULL;
  unicode->str_from_utf8 = entry_point(unicode, ICU_SYMBOL(u_strFromUTF8), &missing);
  unicode->str_to_utf8 = entry_point(unicode, ICU_SYMBOL(u_strToUTF8), &missing);
  unicode->has_binary_property = entry_point(unicode, ICU_SYMBOL(u_hasBinaryProperty), &missing);
  unicode->char_name = entry_point(unicode, ICU_SYMBOL(u_charName), &missing);
  unicode->nfkc_instance = entry_point(unicode, ICU_SYMBOL(unorm2_getNFKCInstance), &missing);
  unicode->normalize = entry_point(unicode, ICU_SYMBOL(unorm2_normalize), &missing);
  unicode->spoof_open = entry_point(unicode, ICU_SYMBOL(uspoof_open), &missing);
  unicode->spoof_skeleton = entry_point(unicode, ICU_SYMBOL(uspoof_getSkeleton), &missing);
  unicode->spoof_close = entry_point(unicode, ICU_SYMBOL(uspoof_close), &missing);
  if (missing) {
    *error = xprintf("ICU %s (%s) has no %s", U_ICU_VERSION, ICU_I18N_LIBRARY, missing);
    free(missing);
    unicode_close(unicode);
    return NULL;
  }
  return unicode;
}

void unicode_close(struct unicode *unicode) {
  if (!unicode)
    return;
  dlclose(unicode->library);
  free(unicode);
}

char *confusable_skeleton(const struct unicode *unicode, const char *text, size_t length) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = 0;
  unicode->str_from_utf8(NULL, 0, &units, text, (int32_t)length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
    return NULL;
  UChar *wide = xcalloc((size_t)units + 1, sizeof *wide);
  status = U_ZERO_ERROR;
  unicode->str_from_utf8(wide, units + 1, NULL, text, (int32_t)length, &status);
  /* Invisible characters first (Default_Ignorable_Code_Point: U+200B zero width space, U+00AD soft hyphen, U+2060
   * word joiner, ...): a reader does not see them, so "expect<U+200B>-tsan" reads as the marker it hides. */
  int32_t kept = 0;
  for (int32_t i = 0; i < units;) {
    UChar32 c;
    int32_t start = i;
    U16_NEXT(wide, i, units, c);
    if (!unicode->has_binary_property(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
      while (start < i)
        wide[kept++] = wide[start++];
  }
  units = kept;
  wide[units] = 0;
  /* NFKC next: the skeleton alone leaves fullwidth letters (U+FF45) as they are. */
  const UNormalizer2 *nfkc = unicode->nfkc_instance(&status);
  int32_t capacity = 4 * units + 16;
  UChar *folded = xcalloc((size_t)capacity, sizeof *folded);
  int32_t folded_length = U_SUCCESS(status) ? unicode->normalize(nfkc, wide, units, folded, capacity, &status) : 0;
  USpoofChecker *checker = U_SUCCESS(status) ? unicode->spoof_open(&status) : NULL;
  char *skeleton = NULL;
  if (U_SUCCESS(status)) {
    UChar *shape = xcalloc((size_t)capacity * 4, sizeof *shape);
    int32_t shape_length = unicode->spoof_skeleton(checker, 0, folded, folded_length, shape, capacity * 4, &status);
    int32_t bytes = 0;
    if (U_SUCCESS(status)) {
      unicode->str_to_utf8(NULL, 0, &bytes, shape, shape_length, &status);
      status = status == U_BUFFER_OVERFLOW_ERROR ? U_ZERO_ERROR : status;
      skeleton = xcalloc((size_t)bytes + 1, 1);
      unicode->str_to_utf8(skeleton, bytes + 1, NULL, shape, shape_length, &status);
      if (U_FAILURE(status)) {
        free(skeleton);
        skeleton = NULL;
      }
    }
    free(shape);
  }
  if (checker)
    unicode->spoof_close(checker);
  free(folded);
  free(wide);
  return skeleton;
}

char *first_non_ascii_character(const struct unicode *unicode, const char *text, size_t length) {
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
  unicode->char_name(c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  return U_SUCCESS(status) && name[0] ? xprintf("U+%04X %s", (unsigned)c, name) : xprintf("U+%04X", (unsigned)c);
}
