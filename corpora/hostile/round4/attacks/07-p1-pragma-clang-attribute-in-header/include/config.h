#pragma clang attribute push (__attribute__((no_sanitize("thread"))), apply_to = function)
