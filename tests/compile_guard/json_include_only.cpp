// Compile guard, informative line: the cost of including nlohmann/json and nothing else.
#include <nlohmann/json.hpp>

int main() {}
