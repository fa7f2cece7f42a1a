"""A case header's `Source:` line: where the claim the header makes about the runtime, the C library or a
standard can be read, as items the site and the catalog link to the upstream file at the version read.

The format is docs/CASES.md's ("The Source: line"). This module needs only the standard library, so that
ci/check-catalog.py can hold every case to the same grammar the renderer reads: an item that is none of the
forms is an error naming the file and line, never a line rendered without its link."""
import re

# The release each major version names when the item gives only the major: the version Debian 12 ships (the one
# this project's toolchains run), or the last release of that major.
LLVM_RELEASES = {"13": "13.0.1", "14": "14.0.6", "15": "15.0.7", "16": "16.0.6", "17": "17.0.6", "18": "18.1.8",
                 "19": "19.1.7", "20": "20.1.8"}
GCC_RELEASES = {"11": "11.3.0", "12": "12.2.0", "13": "13.2.0", "14": "14.2.0"}
LLVM_PROJECTS = ("compiler-rt", "llvm", "clang", "openmp")
POSIX_EDITIONS = {"POSIX.1-2017": "https://pubs.opengroup.org/onlinepubs/9699919799/",
                  "POSIX.1-2024": "https://pubs.opengroup.org/onlinepubs/9799919799/"}
C_STANDARDS = {"C11": "https://www.open-std.org/jtc1/sc22/wg14/www/docs/n1570.pdf",
               "C23": "https://www.open-std.org/jtc1/sc22/wg14/www/docs/n3220.pdf"}
MEASURED_ONLY = "measured only"

SOURCE_LINE = re.compile(r"^\s*\*?\s*Source:\s", re.M)
PATH = r"(?P<path>[\w.+-]+(?:/[\w.+-]+)+)"
LLVM_ITEM = re.compile(r"(?P<project>%s) %s(?P<what>(?: [^()]+)?) \(LLVM (?P<version>\d+(?:\.\d+\.\d+)?)\)$"
                       % ("|".join(LLVM_PROJECTS), PATH))
GLIBC_ITEM = re.compile(r"glibc (?P<version>2\.\d+) %s(?P<what>(?: .+)?)$" % PATH)
GCC_ITEM = re.compile(r"gcc (?P<version>\d+(?:\.\d+\.\d+)?) %s(?P<what>(?: .+)?)$" % PATH)
POSIX_FUNCTION = re.compile(r"(?P<edition>POSIX\.1-\d{4}) (?P<name>[a-z_][a-z0-9_]*)\(\)(?P<what>(?: .+)?)$")
POSIX_SECTION = re.compile(r"(?P<edition>POSIX\.1-\d{4}) (?P<volume>XSH|XBD) (?P<section>\d+(?:\.\d+)*)"
                           r"(?P<what>(?: .+)?)$")
C_CLAUSE = re.compile(r"(?P<standard>C\d\d) (?P<clause>\d+(?:\.\d+)*(?:p\d+)?)(?P<what>(?: .+)?)$")

FORMS = ("`compiler-rt|llvm|clang|openmp PATH WHAT (LLVM N)`, `glibc 2.N PATH WHAT`, `gcc N PATH WHAT`, "
         "`POSIX.1-2017 NAME()`, `POSIX.1-2017 XSH|XBD N.N`, `C11 N.N.NpN` or `measured only`")


class SourceError(Exception):
    """An item none of the forms reads: the message names the case's file and line."""


def _release(table, version, what):
    if "." in version:
        return version
    if version not in table:
        raise ValueError(f"no known release of {what} {version} (known: {', '.join(sorted(table, key=int))}); "
                         f"write the full version, e.g. {what} {next(iter(table.values()))}")
    return table[version]


def _posix_section_url(base, volume, section):
    """XSH chapter 2 is V2_chap02.html with anchors tag_15_CC_SS; XBD chapters are V1_chapCC.html, tag_CC_SS."""
    numbers = section.split(".")
    chapter = numbers[0].zfill(2)
    rest = "_".join(n.zfill(2) for n in numbers[1:])
    if volume == "XSH":
        return f"{base}functions/V2_chap{chapter}.html" + (f"#tag_15_{rest}" if rest else "")
    return f"{base}basedefs/V1_chap{chapter}.html" + (f"#tag_{chapter}_{rest}" if rest else "")


def link_of(item):
    """The upstream address of one item, None for `measured only`; ValueError when no form reads it."""
    if item == MEASURED_ONLY:
        return None
    match = LLVM_ITEM.match(item)
    if match:
        release = _release(LLVM_RELEASES, match["version"], "LLVM")
        return (f"https://github.com/llvm/llvm-project/blob/llvmorg-{release}/"
                f"{match['project']}/{match['path']}")
    match = GLIBC_ITEM.match(item)
    if match:
        return f"https://sourceware.org/git/?p=glibc.git;a=blob;f={match['path']};hb=glibc-{match['version']}"
    match = GCC_ITEM.match(item)
    if match:
        release = _release(GCC_RELEASES, match["version"], "gcc")
        return f"https://gcc.gnu.org/git/?p=gcc.git;a=blob;f={match['path']};hb=releases/gcc-{release}"
    match = POSIX_FUNCTION.match(item)
    if match and match["edition"] in POSIX_EDITIONS:
        return f"{POSIX_EDITIONS[match['edition']]}functions/{match['name']}.html"
    match = POSIX_SECTION.match(item)
    if match and match["edition"] in POSIX_EDITIONS:
        return _posix_section_url(POSIX_EDITIONS[match["edition"]], match["volume"], match["section"])
    match = C_CLAUSE.match(item)
    if match and match["standard"] in C_STANDARDS:
        return C_STANDARDS[match["standard"]]
    raise ValueError(f"the Source item \"{item}\" is none of the forms {FORMS} (docs/CASES.md)")


def header_comment(text):
    """The case's opening /* */ comment as (its inside, the 1-based line it starts on), or (None, 0)."""
    match = re.match(r"(\s*)/\*(.*?)\*/", text, re.S)
    if not match:
        return None, 0
    return match.group(2), match.group(1).count("\n") + 1


def split_header(text, name):
    """(the header's prose without its Source: paragraph, [(item, link)]) for a case's text.

    The Source: paragraph opens a line of the header comment and runs to the comment's end; its items are
    separated by `;`, and a final `.` is allowed. Raises SourceError naming `name` and the line."""
    inside, first_line = header_comment(text)
    if inside is None:
        return "", []
    found = list(SOURCE_LINE.finditer(inside))
    if not found:
        return inside, []
    line = first_line + inside[: inside.index("Source:", found[0].start())].count("\n")
    if len(found) > 1:
        raise SourceError(f"{name}:{line}: two Source: lines in one header; give one, its items separated by ';'")
    body = re.sub(r"\s*\n\s*\*?[ \t]?", " ", inside[found[0].end():]).strip()
    body = re.sub(r"\s+", " ", body)
    if body.endswith("."):
        body = body[:-1]
    items = [item.strip() for item in body.split(";")]
    if not all(items):
        raise SourceError(f"{name}:{line}: an empty item in the Source: line (items are separated by ';')")
    out = []
    for item in items:
        try:
            out.append((item, link_of(item)))
        except ValueError as error:
            raise SourceError(f"{name}:{line}: {error}")
    return inside[: found[0].start()], out
