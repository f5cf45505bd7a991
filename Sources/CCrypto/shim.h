#ifndef FORM4_CCRYPTO_SHIM_H
#define FORM4_CCRYPTO_SHIM_H
// OpenSSL's libcrypto, for SHA-256 only: its code uses the CPU's SHA extensions where present,
// about ten times the speed of a portable implementation such as glib's GChecksum.
#include <openssl/evp.h>
#endif
