clang -fsanitize=thread -g -O1 prog.c -o /tmp/t01 && (sh -c '/tmp/t01; echo prog-exit=$?' ; true) 2>&1 | tail -3
