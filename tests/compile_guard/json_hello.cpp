// The yardstick of the compile guard (tests/compile_guard/compile_guard.py): a "hello" program
// with nlohmann/json, a popular header-only library users already accept the compile cost of.
#include <nlohmann/json.hpp>

#include <iostream>

int main() {
    using nlohmann::json;
    const json j = {{"pi", 3.141}, {"name", "x"}, {"list", {1, 2, 3}}};
    const json k = json::parse(j.dump());
    std::cout << k["name"] << "\n";
}
