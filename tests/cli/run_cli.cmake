# Runs the fundround tool once and compares its standard output, standard error and exit code
# with the expected ones (tests/cli/CMakeLists.txt adds one ctest per run).
# -DPROGRAM=<fundround> -DARGS=<arguments joined by |> -DWORKDIR=<dir the tool runs in>
# -DOUTDIR=<scratch dir: @OUT@ in ARGS> -DEXPECTED_RC=<n> -DEXPECTED_OUT=<file> -DEXPECTED_ERR=<file>
# [-DPRODUCED=<file the run writes, under OUTDIR> -DEXPECTED_PRODUCED=<file>] [-DINPUT=<file for stdin>]
# A missing expected file means "empty". On a difference the actual text is written beside the
# build's copy (<name>.actual) and the test fails with a diff command.
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "@OUT@" "${OUTDIR}" args "${args}")
file(MAKE_DIRECTORY "${OUTDIR}")
if(PRODUCED)
  file(REMOVE "${OUTDIR}/${PRODUCED}")
endif()
set(input "")
if(INPUT)
  set(input INPUT_FILE "${INPUT}")
endif()
execute_process(COMMAND "${PROGRAM}" ${args}
                WORKING_DIRECTORY "${WORKDIR}" ${input}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
set(failed "")
if(NOT rc STREQUAL EXPECTED_RC)
  string(APPEND failed "exit code ${rc}, expected ${EXPECTED_RC}\n")
endif()
function(compare what actual expected_file)
  set(expected "")
  if(EXISTS "${expected_file}")
    file(READ "${expected_file}" expected)
  endif()
  if(NOT actual STREQUAL expected)
    get_filename_component(name "${expected_file}" NAME)
    file(WRITE "${OUTDIR}/${name}.actual" "${actual}")
    set(failed "${failed}${what} differs; compare with:\n  diff ${expected_file} ${OUTDIR}/${name}.actual\n"
        PARENT_SCOPE)
  endif()
endfunction()
compare("standard output" "${out}" "${EXPECTED_OUT}")
compare("standard error" "${err}" "${EXPECTED_ERR}")
if(PRODUCED)
  if(NOT EXISTS "${OUTDIR}/${PRODUCED}")
    string(APPEND failed "${PRODUCED} was not written\n")
  else()
    file(READ "${OUTDIR}/${PRODUCED}" produced)
    compare("${PRODUCED}" "${produced}" "${EXPECTED_PRODUCED}")
  endif()
endif()
if(failed)
  message(FATAL_ERROR "fundround ${args}:\n${failed}stdout:\n${out}\nstderr:\n${err}")
endif()
