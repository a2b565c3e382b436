// Issuer loading and input reading.
#include "ceremony/issuer.h"

#include "ossl/der.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace kr::ceremony {

Bytes read_input(const script::InputFile& input) {
  try {
    return read_file(input.resolved);
  } catch (const Error& e) {
    throw Error("cannot read \"" + input.path + "\": " + e.what());
  }
}

LoadedIssuer load_issuer(Context& ctx, const script::IssuerRef& issuer) {
  LoadedIssuer out;
  out.certificate_der = read_input(issuer.certificate);
  out.certificate = ossl::read_certificate(out.certificate_der, issuer.certificate.path);
  out.certificate_der = ossl::cert_der(out.certificate.get());  // PEM input: keep the DER
  out.key = &ctx.key(issuer.key);
  if (EVP_PKEY_eq(out.key->public_key.get(), X509_get0_pubkey(out.certificate.get())) != 1)
    throw Error("key \"" + issuer.key + "\" is not the key of the issuer certificate \"" +
                    issuer.certificate.path + "\"",
                "name the key that the certificate certifies; keyrite never signs with another");
  return out;
}

}  // namespace kr::ceremony
