// Every header (generated list: tests/CMakeLists.txt), the opt-in ones too where found.
#include "odr_headers.hpp"

int odr_b();
int odr_b() { return 2; }
