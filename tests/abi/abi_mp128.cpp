// Always the Boost.Multiprecision configuration (v0_mp128).
#ifndef FUNDROUND_NO_INT128
#define FUNDROUND_NO_INT128
#endif
#include "abi_tu.hpp"

abi_view abi_mp128_view() { return make_abi_view(); }
