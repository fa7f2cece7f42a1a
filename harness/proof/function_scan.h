/* function_scan.h: the scan of one function's code: its calls, hooks, stores and loads, judged against its hooks. */
#ifndef TSAN_VERIFY_FUNCTION_SCAN_H
#define TSAN_VERIFY_FUNCTION_SCAN_H

#include "proof/program_scan.h"

/* Reads one function's code (`ranges`) in address order, noting its calls and the addresses it takes in `scan`, and
 * fills what TSan's pass left out of it in `function`: hooks it calls, stores and loads no hook announces, atomic and
 * undecodable instructions. With `judge_stores` (a clang unit, stores_need_hooks) every store outside the frame must
 * follow its own write hook and lie inside what the hook was told of. With `result_in_rdi` (a gcc function that returns
 * an aggregate in memory), rdi holds at entry the address of the caller's slot for the result, which gcc's pass never
 * instruments (tsan.cc instrument_expr: the RESULT_DECL is not may_be_aliased): stores through it are the result's,
 * as stores into the frame are the frame's. */
void scan_code(const struct image *image, const struct ranges *ranges, bool judge_stores, bool result_in_rdi,
               struct function_facts *function, struct program_scan *scan);

#endif
