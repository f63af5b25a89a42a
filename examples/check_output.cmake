# Runs PROGRAM and fails unless it exits 0 and its standard output equals the file EXPECTED.
# Usage: cmake -DPROGRAM=<exe> -DEXPECTED=<file> -P check_output.cmake
execute_process(COMMAND "${PROGRAM}" OUTPUT_VARIABLE actual RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}")
endif()
file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  file(WRITE "${EXPECTED}.actual" "${actual}")
  message(FATAL_ERROR "${PROGRAM}: output differs from ${EXPECTED}\n"
                      "actual output written to ${EXPECTED}.actual; compare with:\n"
                      "  diff ${EXPECTED} ${EXPECTED}.actual")
endif()
