include_guard(GLOBAL)

# Whether fundround's own targets treat warnings as errors. ON for development and CI; packagers
# building the tool with a compiler fundround was not tested with turn it OFF (the vcpkg port
# does), so that a new warning does not break an install.
option(FUNDROUND_WARNINGS_AS_ERRORS "Treat warnings as errors in fundround's own tests, examples, benchmarks and tool" ON)

# Strict warnings for fundround's own test/example/bench/tool targets.
# Never applied to the fundround library target itself.
function(fundround_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang|AppleClang)$")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion)
    if(FUNDROUND_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
