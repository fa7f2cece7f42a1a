# `cpack -G DEB` (in the build folder) makes tsan-verify_<version>_<arch>.deb of what cmake/Install.cmake installs.
# Depends comes from dpkg-shlibdeps (libc6 (>= 2.34): the libraries tsan-verify links where Debian ships their
# archives, elfutils' libdw and libelf, nettle, Capstone, and expat and libyaml when the Valgrind and SV-COMP parts
# are built, are linked in) and ICU, loaded at run time; a compiler with its TSan runtime is what it runs, so it is
# recommended, not required (`tsan-verify parse` needs neither). The package passes lintian with no error
# (cmake/check-deb.sh): a stripped binary, a gzipped man page, the changelog and a DEP-5 copyright in
# /usr/share/doc/tsan-verify.
set(CPACK_PACKAGE_NAME tsan-verify)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "checks ThreadSanitizer reports against markers in the source")
# Lines of at most 80 characters (lintian: extended-description-line-too-long).
set(CPACK_PACKAGE_DESCRIPTION
    "tsan-verify builds a C program with -fsanitize=thread (or takes one built),\n"
    "runs it, parses ThreadSanitizer's report and checks it against\n"
    "// expect-tsan: markers on the lines that race. It ships a CMake package\n"
    "(find_package(TsanVerify), tsan_verify_add_test) for ctest.")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "tsan-casebook maintainers <tsan-casebook@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ICU is loaded at run time (dlopen), so dpkg-shlibdeps does not see it: Debian names its runtime package after the
# major version (libicu72), the version of the headers the harness was built with.
string(REGEX MATCH "^[0-9]+" casebook_icu_major "${ICU_icu-i18n_VERSION}")
if(casebook_icu_major)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libicu${casebook_icu_major}")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang | gcc, libclang-rt-dev | libtsan2")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cmake (>= 3.21)")
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/" "/\\\\.git" "/node_modules/" "/docs/site/")
include(CPack)

# The package as a user meets it: cpack, dpkg-deb's fields, unpacked into a temporary root, a case checked with it.
add_test(NAME package/deb COMMAND bash ${PROJECT_SOURCE_DIR}/cmake/check-deb.sh ${PROJECT_BINARY_DIR} ${PROJECT_VERSION}
                                  ${PROJECT_SOURCE_DIR}/cases/seed/no_lock.c)
# COST: about its seconds in a measured run, so that a fresh clone starts it early (harness/tests/CMakeLists.txt).
set_tests_properties(package/deb PROPERTIES LABELS "package" SKIP_RETURN_CODE 77 TIMEOUT 600 COST 24
                                            ENVIRONMENT "CC=${CMAKE_C_COMPILER}")
