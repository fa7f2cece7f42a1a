# The parts of the harness that need no process, no ELF or DWARF and no library beyond the C library: the parser of
# TSan's reports and the explainer, with what they use. tsan-verify builds them with the rest (CMakeLists.txt); the
# site's explain page builds them alone for WebAssembly (web/CMakeLists.txt), so a file listed here may include only
# headers of files listed here. Paths are relative to this folder.
set(tsan_verify_portable_sources
    base/util.c base/readfile.c
    report/parse.c report/docker_log.c
    output/json_string.c
    explain/predicates.c explain/patterns.c explain/explain.c explain/explain_output.c explain/explain_log.c)
