include_guard(GLOBAL)

# Strict warnings for fundround's own test/example/bench targets.
# Never applied to the fundround library target itself.
function(fundround_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang|AppleClang)$")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror)
  endif()
endfunction()
