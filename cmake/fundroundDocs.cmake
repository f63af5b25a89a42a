include_guard(GLOBAL)

# The Doxygen API reference.
#
# - target fundround_docs: only with FUNDROUND_BUILD_DOCS=ON and doxygen installed; writes
#   <build>/docs/html/index.html.
# - test docs_reference (label "docs"): whenever the tests are built and doxygen is installed
#   (scripts/setup.sh installs it, so CI runs it). It runs the same Doxygen build and fails on
#   any warning, e.g. a public entity without a /// comment.
#
# Doxygen reads docs/Doxyfile.in, configured into <build>/docs/Doxyfile.

find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  if(FUNDROUND_BUILD_DOCS)
    message(WARNING "fundround: FUNDROUND_BUILD_DOCS is ON but doxygen was not found, so there is "
                    "no fundround_docs target (Debian: apt-get install doxygen, or run scripts/setup.sh)")
  endif()
  return()
endif()

set(FUNDROUND_DOCS_OUTPUT_DIR "${PROJECT_BINARY_DIR}/docs")

configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${FUNDROUND_DOCS_OUTPUT_DIR}/Doxyfile" @ONLY)

if(FUNDROUND_BUILD_DOCS)
  add_custom_target(fundround_docs
    COMMAND "${DOXYGEN_EXECUTABLE}" "${FUNDROUND_DOCS_OUTPUT_DIR}/Doxyfile"
    WORKING_DIRECTORY "${FUNDROUND_DOCS_OUTPUT_DIR}"
    COMMENT "Doxygen ${DOXYGEN_VERSION}: API reference in ${FUNDROUND_DOCS_OUTPUT_DIR}/html/index.html"
    VERBATIM)
endif()

if(FUNDROUND_BUILD_TESTS)
  # WARN_AS_ERROR = FAIL_ON_WARNINGS makes doxygen exit non-zero on a warning; the regular
  # expression also catches one should a different doxygen version exit 0.
  add_test(NAME docs_reference
    COMMAND "${DOXYGEN_EXECUTABLE}" "${FUNDROUND_DOCS_OUTPUT_DIR}/Doxyfile"
    WORKING_DIRECTORY "${FUNDROUND_DOCS_OUTPUT_DIR}")
  set_tests_properties(docs_reference PROPERTIES
    LABELS docs
    FAIL_REGULAR_EXPRESSION "[Ww]arning:|[Ee]rror:"
    TIMEOUT 120)
endif()
