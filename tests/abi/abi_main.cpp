// ABI check (issue 9): translation units built with and without FUNDROUND_NO_INT128 live in
// different inline namespaces (fundround::v0_i128 / fundround::v0_mp128), so every function
// taking a fundround type mangles differently and the two can never be mixed silently (ODR):
// a declaration compiled in one configuration does not link to a definition from the other.
#include <fundround/config.hpp>

#include <cstdio>
#include <cstring>
#include <string>

struct abi_view {
    std::string abi_name;
    std::string fraction_type;
    std::string half;
};
abi_view abi_default_view();
abi_view abi_mp128_view();

int main() {
    const abi_view d = abi_default_view();
    const abi_view m = abi_mp128_view();
    int failures = 0;
    const auto expect = [&](bool ok, const char* what) {
        if (!ok) {
            std::fprintf(stderr, "FAILED: %s\n", what);
            ++failures;
        }
    };
    expect(d.abi_name == FUNDROUND_ABI_NAME, "the default TU uses this build's ABI namespace");
    expect(m.abi_name == "v0_mp128", "FUNDROUND_NO_INT128 selects fundround::v0_mp128");
#if FUNDROUND_HAS_INT128
    expect(d.abi_name == "v0_i128", "__int128 selects fundround::v0_i128");
    expect(d.abi_name != m.abi_name, "the two configurations have different ABI namespaces");
    expect(d.fraction_type != m.fraction_type, "fraction mangles differently in the two");
#endif
    expect(d.fraction_type.find(d.abi_name) != std::string::npos, "fraction is in the ABI namespace");
    expect(m.fraction_type.find(m.abi_name) != std::string::npos, "fraction is in the ABI namespace");
    expect(d.half == "5/6" && m.half == "5/6", "both configurations compute the same values");
    std::printf("default: %s (%s), FUNDROUND_NO_INT128: %s (%s)\n", d.abi_name.c_str(),
                d.fraction_type.c_str(), m.abi_name.c_str(), m.fraction_type.c_str());
    return failures == 0 ? 0 : 1;
}
