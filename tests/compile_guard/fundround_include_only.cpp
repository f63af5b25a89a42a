// Compile guard, informative line: the cost of including the umbrella header and nothing else.
#include <fundround/fundround.hpp>

int main() {}
