// Two threads serialize their own json-c integer objects at the same time. Before json-c commit 55ecae3 ("Eliminate
// static qualifiers on a couple local variables that were causing thread safety issues"), the library's
// json_object_int_to_json_string formatted every integer into one `static char sbuf[21]`, so the two calls write the
// same buffer: a data race inside the library, although the threads share no object.
// expect-tsan: data race in json_object_int_to_json_string
#include <json.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { rounds = 200 };

static void *serialize_own_integer(void *arg) {
  struct json_object *number = json_object_new_int(*(int *)arg);
  int mismatches = 0;
  for (int i = 0; i < rounds; i++) {
    char expected[16];
    snprintf(expected, sizeof expected, "%d", *(int *)arg);
    if (strcmp(json_object_to_json_string(number), expected) != 0)
      mismatches++;
  }
  json_object_put(number);
  return (void *)(long)mismatches;
}

int main(void) {
  int values[2] = {12345, 67890};
  pthread_t threads[2];
  for (int t = 0; t < 2; t++)
    pthread_create(&threads[t], NULL, serialize_own_integer, &values[t]);
  for (int t = 0; t < 2; t++)
    pthread_join(threads[t], NULL);
  return 0;
}
