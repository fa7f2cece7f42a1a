/* docker_log.c: Docker's json-file records decoded (docker_log.h). JSON by RFC 8259: the record is an object, its
 * "log" member a string whose escapes (\n, \", \\, \/, \b, \f, \r, \t, \uXXXX with surrogate pairs) are decoded to
 * UTF-8; the other members (stream, time, attrs) are passed over whatever their JSON value. */
#include "report/docker_log.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct cursor {
  const char *at, *end;
};

static void skip_blanks(struct cursor *c) {
  while (c->at < c->end && (*c->at == ' ' || *c->at == '\t' || *c->at == '\r'))
    c->at++;
}

static int hex_value(char digit) {
  if (digit >= '0' && digit <= '9')
    return digit - '0';
  if (digit >= 'a' && digit <= 'f')
    return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F')
    return digit - 'A' + 10;
  return -1;
}

static bool read_hex4(struct cursor *c, uint32_t *value) {
  if (c->end - c->at < 4)
    return false;
  *value = 0;
  for (int i = 0; i < 4; i++) {
    int digit = hex_value(c->at[i]);
    if (digit < 0)
      return false;
    *value = *value << 4 | (uint32_t)digit;
  }
  c->at += 4;
  return true;
}

static void append_utf8(struct strbuf *out, uint32_t code) {
  char bytes[4];
  size_t n;
  if (code < 0x80) {
    bytes[0] = (char)code, n = 1;
  } else if (code < 0x800) {
    bytes[0] = (char)(0xC0 | code >> 6), bytes[1] = (char)(0x80 | (code & 0x3F)), n = 2;
  } else if (code < 0x10000) {
    bytes[0] = (char)(0xE0 | code >> 12), bytes[1] = (char)(0x80 | (code >> 6 & 0x3F));
    bytes[2] = (char)(0x80 | (code & 0x3F)), n = 3;
  } else {
    bytes[0] = (char)(0xF0 | code >> 18), bytes[1] = (char)(0x80 | (code >> 12 & 0x3F));
    bytes[2] = (char)(0x80 | (code >> 6 & 0x3F)), bytes[3] = (char)(0x80 | (code & 0x3F)), n = 4;
  }
  strbuf_append(out, bytes, n);
}

/* A JSON string at the cursor (its opening quote), decoded into `out` when it is not NULL. */
static bool read_string(struct cursor *c, struct strbuf *out) {
  if (c->at >= c->end || *c->at != '"')
    return false;
  c->at++;
  while (c->at < c->end) {
    const char *plain = c->at;
    while (c->at < c->end && *c->at != '"' && *c->at != '\\' && (unsigned char)*c->at >= 0x20)
      c->at++;
    if (out)
      strbuf_append(out, plain, (size_t)(c->at - plain));
    if (c->at >= c->end || (unsigned char)*c->at < 0x20)
      return false;
    if (*c->at++ == '"')
      return true;
    if (c->at >= c->end)
      return false;
    char escape = *c->at++;
    const char *simple = strchr("\"\\/bfnrt", escape);
    if (escape && simple) {
      if (out)
        strbuf_append(out, &"\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"], 1);
      continue;
    }
    uint32_t code;
    if (escape != 'u' || !read_hex4(c, &code))
      return false;
    if (code >= 0xD800 && code < 0xDC00) {
      uint32_t low;
      if (c->end - c->at < 6 || c->at[0] != '\\' || c->at[1] != 'u')
        return false;
      c->at += 2;
      if (!read_hex4(c, &low) || low < 0xDC00 || low >= 0xE000)
        return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    } else if (code >= 0xDC00 && code < 0xE000) {
      return false;
    }
    if (out)
      append_utf8(out, code);
  }
  return false;
}

static bool skip_value(struct cursor *c, int depth);

/* An object or an array at the cursor, passed over. */
static bool skip_container(struct cursor *c, char close, int depth) {
  c->at++;
  skip_blanks(c);
  if (c->at < c->end && *c->at == close) {
    c->at++;
    return true;
  }
  for (;;) {
    if (close == '}') {
      if (!read_string(c, NULL))
        return false;
      skip_blanks(c);
      if (c->at >= c->end || *c->at++ != ':')
        return false;
    }
    if (!skip_value(c, depth + 1))
      return false;
    skip_blanks(c);
    if (c->at >= c->end)
      return false;
    char next = *c->at++;
    if (next == close)
      return true;
    if (next != ',')
      return false;
    skip_blanks(c);
  }
}

static bool skip_value(struct cursor *c, int depth) {
  skip_blanks(c);
  if (c->at >= c->end || depth > 16)
    return false;
  if (*c->at == '"')
    return read_string(c, NULL);
  if (*c->at == '{' || *c->at == '[')
    return skip_container(c, *c->at == '{' ? '}' : ']', depth);
  const char *start = c->at;
  while (c->at < c->end &&
         (strchr("+-.eE", *c->at) || (*c->at >= '0' && *c->at <= '9') || (*c->at >= 'a' && *c->at <= 'z')))
    c->at++;
  size_t n = (size_t)(c->at - start);
  return n > 0 && (strncmp(start, "true", n) == 0 || strncmp(start, "false", n) == 0 ||
                   strncmp(start, "null", n) == 0 || (*start == '-' || (*start >= '0' && *start <= '9')));
}

/* One line as a json-file record: an object with a "log" string and a "stream" member; its "log" decoded into
 * `out`. */
static bool read_record(const char *line, size_t length, struct strbuf *out) {
  struct cursor c = {line, line + length};
  skip_blanks(&c);
  if (c.at >= c.end || *c.at++ != '{')
    return false;
  bool has_log = false, has_stream = false;
  size_t kept = out->length;
  for (;;) {
    skip_blanks(&c);
    struct strbuf key = {0};
    bool ok = read_string(&c, &key);
    skip_blanks(&c);
    ok = ok && c.at < c.end && *c.at++ == ':';
    skip_blanks(&c);
    bool is_log = ok && key.data && strcmp(key.data, "log") == 0 && key.length == 3;
    has_stream |= ok && key.data && strcmp(key.data, "stream") == 0;
    strbuf_free(&key);
    if (!ok || (is_log && has_log))
      break;
    if (is_log) {
      has_log = read_string(&c, out);
      if (!has_log)
        break;
    } else if (!skip_value(&c, 0)) {
      break;
    }
    skip_blanks(&c);
    if (c.at < c.end && *c.at == ',') {
      c.at++;
      continue;
    }
    if (c.at < c.end && *c.at == '}') {
      c.at++;
      skip_blanks(&c);
      if (c.at == c.end && has_log && has_stream)
        return true;
    }
    break;
  }
  out->length = kept;
  if (out->data)
    out->data[kept] = '\0';
  return false;
}

int docker_log_decode(const char *text, size_t length, struct strbuf *decoded, char **error) {
  const char *line = text, *end = text + length;
  size_t number = 0;
  while (line < end) {
    const char *newline = memchr(line, '\n', (size_t)(end - line));
    size_t line_length = newline ? (size_t)(newline - line) : (size_t)(end - line);
    number++;
    if (!read_record(line, line_length, decoded)) {
      if (number == 1)
        return 1;
      *error = xprintf("line %zu: not a record of Docker's json-file log ({\"log\":\"...\",\"stream\":...,"
                       "\"time\":...}), as line 1 is: the log is cut or mixed, and its reports cannot all be read",
                       number);
      return -1;
    }
    line = newline ? newline + 1 : end;
  }
  return number ? 0 : 1;
}
