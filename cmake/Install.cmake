# What `cmake --install` (and the .deb) puts in the prefix: bin/tsan-verify, its man page, the marker reference and
# the JSON schema, and the CMake package (find_package(TsanVerify): TsanVerify::tsan-verify and
# tsan_verify_add_test()). The package files are arch-independent, so they go to lib/cmake on every distribution.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(TSAN_VERIFY_CMAKE_DIR lib/cmake/TsanVerify)

# The man page and the changelog gzipped (gzip -n: no name or time stamp, so the bytes depend on the text only),
# as Debian's policy wants them; man reads the page either way.
find_program(TSAN_VERIFY_GZIP gzip REQUIRED)
set(tsan_verify_man_page ${PROJECT_BINARY_DIR}/tsan-verify.1.gz)
configure_file(${PROJECT_SOURCE_DIR}/cmake/debian/changelog.in ${PROJECT_BINARY_DIR}/changelog @ONLY)
set(tsan_verify_changelog ${PROJECT_BINARY_DIR}/changelog.gz)
foreach(pair "docs/tsan-verify.1|${tsan_verify_man_page}" "|${tsan_verify_changelog}")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 1 output)
  list(GET pair 0 input)
  if(input)
    set(input ${PROJECT_SOURCE_DIR}/${input})
  else()
    set(input ${PROJECT_BINARY_DIR}/changelog)
  endif()
  add_custom_command(OUTPUT ${output} COMMAND sh -c "\"$0\" -9n <\"$1\" >\"$2\"" ${TSAN_VERIFY_GZIP} ${input} ${output}
                     DEPENDS ${input} VERBATIM)
endforeach()
add_custom_target(tsan-verify-docs ALL DEPENDS ${tsan_verify_man_page} ${tsan_verify_changelog})
# `cmake --build ... --target tsan-verify` then `cmake --install`: what the install copies is built with the tool.
add_dependencies(tsan-verify tsan-verify-docs)
install(FILES ${tsan_verify_man_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# copyright: machine-readable (DEP-5), naming the statically linked Capstone and its license.
install(FILES ${PROJECT_SOURCE_DIR}/docs/MARKERS.md ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/cmake/debian/copyright ${tsan_verify_changelog}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tsan-verify)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/debian/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME tsan-verify)
install(FILES ${PROJECT_SOURCE_DIR}/docs/report.schema.json ${PROJECT_SOURCE_DIR}/harness/explain/patterns.tsv
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tsan-verify)
install(FILES ${PROJECT_SOURCE_DIR}/harness/score/svcomp/svcomp.c ${PROJECT_SOURCE_DIR}/harness/score/svcomp/svcomp.h
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tsan-verify/svcomp)

install(EXPORT TsanVerifyTargets NAMESPACE TsanVerify:: DESTINATION ${TSAN_VERIFY_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/TsanVerifyConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/TsanVerifyConfig.cmake INSTALL_DESTINATION ${TSAN_VERIFY_CMAKE_DIR})
# 0.x: a minor version may break the interface, so only the same major.minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/TsanVerifyConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/TsanVerifyConfig.cmake ${PROJECT_BINARY_DIR}/TsanVerifyConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/TsanVerify.cmake ${PROJECT_SOURCE_DIR}/cmake/TsanVerifyOffFlags.txt
              ${PROJECT_SOURCE_DIR}/cmake/TsanVerifyRecordFlags.sh DESTINATION ${TSAN_VERIFY_CMAKE_DIR})
