#include <fundround/fundround.hpp>

int odr_b();
int odr_b() { return 2; }
