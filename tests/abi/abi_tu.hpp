// One translation unit's view of the ABI: compiled twice, with and without FUNDROUND_NO_INT128,
// and linked into one program (test_abi). Each TU names its functions after its configuration.
#include <fundround/fundround.hpp>

#include <string>
#include <typeinfo>

/// The inline ABI namespace this TU was compiled with, and the mangled name of fraction in it.
struct abi_view {
    std::string abi_name;
    std::string fraction_type;
    std::string half;  // fraction(1, 2) + fraction(1, 3) printed by this configuration
};

namespace {  // internal linkage: each TU keeps its own (the two mean different fraction types)

abi_view make_abi_view() {
    return {FUNDROUND_ABI_NAME, typeid(fundround::fraction).name(),
            (fundround::fraction(1, 2) + fundround::fraction(1, 3)).to_string()};
}

}  // namespace
