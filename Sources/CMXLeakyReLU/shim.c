/* Lets SwiftPM build the C target; the definitions are in MXLeakyReLUCore. */
#include "mxleakyrelu.h"
