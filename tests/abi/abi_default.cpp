// The configuration the build uses (v0_i128 unless FUNDROUND_NO_INT128 is set for the build).
#include "abi_tu.hpp"

abi_view abi_default_view() { return make_abi_view(); }
