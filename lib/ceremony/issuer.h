// The CA that signs a step's artifact: its certificate (an input file) and its key on the token,
// proven to belong together before anything is signed.
#pragma once

#include "ceremony/context.h"
#include "ossl/types.h"

namespace kr::ceremony {

// A step's input file, read whole; errors name the path as written and as resolved.
Bytes read_input(const script::InputFile& input);

struct LoadedIssuer {
  ossl::X509Ptr certificate;
  Bytes certificate_der;
  const pkcs11::KeyPair* key = nullptr;
};

// Reads the issuer's certificate and finds its key. Refuses, naming both, when the key on the
// token is not the certificate's public key: signing with it would give artifacts no one can
// verify under that certificate.
LoadedIssuer load_issuer(Context& ctx, const script::IssuerRef& issuer);

}  // namespace kr::ceremony
