"""tsan-verify's own instructions under callgrind (valgrind): its process only, the TSan program runs natively."""
import os
import re
import subprocess

from casebook import build as building

LINE = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(\S.*)$")
WHERE = re.compile(r"(?:(?P<file>[^:]*):)?(?P<function>[^ \[]+)(?: \[(?P<object>[^\]]+)\])?")


def read_annotation(text, result, inclusive):
    """Adds the lines of `callgrind_annotate` TEXT to RESULT: the total, and each function's count (self: a list of
    (count, function, object) and a sum per object; inclusive: the largest count per function)."""
    for line in text.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        count, what = int(match.group(1).replace(",", "")), match.group(2).strip()
        if what.startswith("PROGRAM TOTALS"):
            result["total"] = count
            continue
        where = WHERE.match(what)
        if not where:
            continue
        function, obj = where.group("function"), where.group("object")
        if obj:
            obj = os.path.basename(obj)
        else:  # inlined code callgrind_annotate names by file only
            obj = "glibc (inlined)" if (where.group("file") or "").startswith("./") else "(inlined)"
        if inclusive:
            result["inclusive"][function] = max(count, result["inclusive"].get(function, 0))
        else:
            result["self"].append((count, function, obj))
            result["objects"][obj] = result["objects"].get(obj, 0) + count


def profile(tsan_verify, label, arguments, work, logs):
    """Instructions of one harness invocation, or None when callgrind wrote no profile."""
    out = os.path.join(work, f"callgrind.{label}.out")
    done = building.step(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", tsan_verify] + arguments,
                         os.path.join(logs, f"callgrind-{label}.log"))
    if not os.path.exists(out):
        return None
    result = {"label": label, "exit": done.status, "total": None, "self": [], "inclusive": {}, "objects": {}}
    for inclusive in (False, True):
        annotated = subprocess.run(["callgrind_annotate", "--auto=no", f"--inclusive={'yes' if inclusive else 'no'}",
                                    "--threshold=100", out], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        read_annotation(annotated.stdout, result, inclusive)
    result["self"].sort(reverse=True)
    return result
