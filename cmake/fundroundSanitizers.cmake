include_guard(GLOBAL)

# ASan + UBSan for targets that run under ctest, when FUNDROUND_SANITIZE is ON.
function(fundround_set_sanitizers target)
  if(FUNDROUND_SANITIZE AND CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang|AppleClang)$")
    set(_flags -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_compile_options(${target} PRIVATE ${_flags})
    target_link_options(${target} PRIVATE ${_flags})
  endif()
endfunction()
