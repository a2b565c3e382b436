// The PKCS#11 C declarations, taken from pkcs11-helper's copy so both agree on every type.
#pragma once

#include <pkcs11-helper-1.0/pkcs11h-def.h>
