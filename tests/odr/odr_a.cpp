#include <fundround/fundround.hpp>

int odr_a();
int odr_a() { return 1; }
