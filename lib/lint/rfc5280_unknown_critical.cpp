// RFC 5280 6.1.4 (o) and 4.2: a verifier "MUST reject the certificate if it encounters a critical
// extension it does not recognize". Recognising is relative; this lint names every critical
// extension whose OID OpenSSL does not know at all (no X509V3_EXT_METHOD), which OpenSSL, GnuTLS
// and browsers all refuse. (X509_supported_extension is narrower: it leaves out extensions that do
// not steer path validation, such as the key identifiers, which other lints judge.)
#include <openssl/x509v3.h>

#include "lint/rfc5280_internal.h"

namespace kr::lint::rfc {

void unknown_critical_extensions(const CertContext& c) {
  const auto* exts = X509_get0_extensions(c.cert);
  for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
    X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts, i);
    if (X509_EXTENSION_get_critical(ext) != 1 || X509V3_EXT_get(ext) != nullptr) continue;
    c.out.error("e_extension_unknown_critical",
                extension_name(ext) +
                    " is critical and not an extension verifiers know; they "
                    "must reject the certificate (RFC 5280 4.2)");
  }
}

}  // namespace kr::lint::rfc
