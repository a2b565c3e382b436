// keyrite's in-process OpenSSL provider and the library context that HSM keys live in.
#pragma once

#include <openssl/core.h>
#include <openssl/types.h>

namespace kr::provider {

// The library context holding keyrite's provider (preferred) and OpenSSL's default provider.
// Created on first use, for the life of the process.
OSSL_LIB_CTX* hsm_libctx();

// Property query that selects keyrite's implementations inside hsm_libctx().
inline constexpr const char* kKeyriteProperties = "provider=keyrite";

// Dispatch tables, one per algorithm (keymgmt.cpp and signature.cpp).
extern const OSSL_DISPATCH kEcKeymgmt[];
extern const OSSL_DISPATCH kRsaKeymgmt[];
extern const OSSL_DISPATCH kEcdsaSignature[];
extern const OSSL_DISPATCH kRsaSignature[];

}  // namespace kr::provider
