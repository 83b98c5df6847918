#ifndef ENGAGE_CCMARK_SHIM_H
#define ENGAGE_CCMARK_SHIM_H
#include <cmark.h>
#endif
