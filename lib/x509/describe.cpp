// describe_certificate: every part is read defensively, since the tools print certificates that
// keyrite did not make.
#include "x509/describe.h"

#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "x509/algorithms.h"
#include "x509/asn1_time.h"
#include "x509/key_info.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::x509 {

std::string describe_certificate(const X509* cert) {
  if (!cert) return "(no certificate)";
  std::string out = "subject: " + name_text(X509_get_subject_name(cert));
  out += "; issuer: " + name_text(X509_get_issuer_name(cert));
  out += "; serial: " + serial_hex(X509_get0_serialNumber(cert));
  out += "; validity: " + asn1_time_text(X509_get0_notBefore(cert)) + " to " +
         asn1_time_text(X509_get0_notAfter(cert));
  const EVP_PKEY* key = X509_get0_pubkey(cert);
  out += "; key: " + describe_key(key).text;
  if (key) {
    try {
      out += ", SPKI SHA-256 " + ossl::spki_sha256_hex(key);
    } catch (const std::exception&) {
      out += ", SPKI unreadable";
    }
  }
  const X509_ALGOR* sig_alg = nullptr;
  X509_get0_signature(nullptr, &sig_alg, cert);
  out += "; signature: " + identify_signature_algorithm(sig_alg).text;
  try {
    out += "; certificate SHA-256: " + ossl::sha256_hex(ossl::cert_der(cert));
  } catch (const std::exception&) {
    out += "; certificate SHA-256: (not encodable)";
  }
  ossl::drain_errors();
  return out;
}

}  // namespace kr::x509
