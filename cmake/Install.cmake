# What `cmake --install` (and the .deb) puts in the prefix: bin/tsan-verify, its man page, the marker reference and
# the JSON schema, and the CMake package (find_package(TsanVerify): TsanVerify::tsan-verify and
# tsan_verify_add_test()). The package files are arch-independent, so they go to lib/cmake on every distribution.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(TSAN_VERIFY_CMAKE_DIR lib/cmake/TsanVerify)

install(FILES ${PROJECT_SOURCE_DIR}/docs/tsan-verify.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/docs/MARKERS.md ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tsan-verify)
install(FILES ${PROJECT_SOURCE_DIR}/docs/report.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/tsan-verify)

install(EXPORT TsanVerifyTargets NAMESPACE TsanVerify:: DESTINATION ${TSAN_VERIFY_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/TsanVerifyConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/TsanVerifyConfig.cmake INSTALL_DESTINATION ${TSAN_VERIFY_CMAKE_DIR})
# 0.x: a minor version may break the interface, so only the same major.minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/TsanVerifyConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/TsanVerifyConfig.cmake ${PROJECT_BINARY_DIR}/TsanVerifyConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/TsanVerify.cmake DESTINATION ${TSAN_VERIFY_CMAKE_DIR})
