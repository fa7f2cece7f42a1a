/* dialect.h: the lexical features of C that change where comments and lines are, and which the -std in force (or a
 * flag such as -trigraphs) turns on or off. The marker reader must read a case the way its compiler does. */
#ifndef TSAN_VERIFY_DIALECT_H
#define TSAN_VERIFY_DIALECT_H

enum dialect_feature { FEATURE_UNKNOWN, FEATURE_OFF, FEATURE_ON };

struct c_dialect {
  enum dialect_feature trigraphs;        /* ??= is #, ??/ is a backslash (ISO modes before C23, -trigraphs) */
  enum dialect_feature digit_separators; /* 1'000 is one number (C23), not 1 and a character literal */
  enum dialect_feature raw_strings;      /* R"x(...)x" is a raw string (GNU C modes of gcc and newer clang) */
};

/* Every feature unknown: the reader reads the file each way and refuses it where the readings differ. */
struct c_dialect c_dialect_unknown(void);

/* Asks the compiler itself, with the case's flags (`flags`, NULL-terminated), how it reads each feature: it
 * preprocesses a probe of three lines in `folder` and sees which comments it removed. Returns 0, or -1 with *error
 * (the compiler could not run or failed on the probe). */
int c_dialect_probe(const char *compiler, char *const *flags, const char *folder, struct c_dialect *dialect,
                    char **error);
/* The same with a probe file named like the case ("dialect-probe.cc"): the driver picks the language by the file's
 * suffix, so a C++ case is probed as C++ (raw strings since C++11, digit separators since C++14). */
int c_dialect_probe_as(const char *compiler, char *const *flags, const char *folder, const char *suffix,
                       struct c_dialect *dialect, char **error);

/* "trigraphs", "C23 digit separators", "raw strings": for messages. */
const char *dialect_feature_name(int index);

#endif
