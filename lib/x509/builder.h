// The certificate builder: a template in, an unsigned X509 out, with exactly the template's
// extensions in its order. Signing is not done here (see lib/provider/signing_context.h); the
// to-be-signed bytes are exposed so the ceremony can check a trial signature and the HSM signature
// cover the same certificate.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <vector>

#include "ossl/types.h"
#include "util/bytes.h"
#include "util/time.h"
#include "x509/extension_spec.h"
#include "x509/name.h"

namespace kr::x509 {

struct CertificateTemplate {
  DistinguishedName subject;
  // Short names of subject attributes written as PrintableString (name.h: build_name); for a
  // self-signed certificate the issuer is written the same way.
  std::vector<std::string> subject_printable;
  // When set, used instead of `subject` and copied byte for byte (a cross-certificate keeps the
  // existing certificate's subject encoding exactly).
  const X509_NAME* subject_name = nullptr;
  // The issuer's name. For a self-signed certificate, the subject. For an issued certificate pass
  // issuer_name instead (the issuer certificate's subject, copied byte for byte so that the
  // name chains even when the issuer used PrintableString where keyrite would write UTF8String).
  DistinguishedName issuer;
  const X509_NAME* issuer_name = nullptr;  // when set, used instead of `issuer`
  Bytes serial;                            // random_serial()
  UtcTime not_before{};
  UtcTime not_after{};
  const EVP_PKEY* public_key = nullptr;   // the subject's key
  std::vector<ExtensionSpec> extensions;  // a profile's list: written in this order
  Bytes issuer_key_id;  // the issuer's subjectKeyIdentifier, for authorityKeyIdentifier
  // When set, the subjectKeyIdentifier written instead of the method-1 value.
  Bytes subject_key_id;
  // When set, the certificate's SubjectPublicKeyInfo must encode to exactly these bytes (a
  // cross-certificate's key is the existing certificate's, byte for byte); build_certificate
  // throws otherwise rather than sign a re-encoded key.
  Bytes subject_public_key_info;
};

// A v3 certificate with no signature yet. Throws kr::Error on a template it cannot encode (bad
// name, bad serial, not_after not after not_before, no key).
ossl::X509Ptr build_certificate(const CertificateTemplate& t);

// The DER TBSCertificate, re-encoded from the structure (i2d_re_X509_tbs). After signing it is the
// exact byte string the signature covers. Meant for certificates built here; a certificate parsed
// from a non-DER encoding would come back re-encoded.
Bytes tbs_der(const X509* cert);

}  // namespace kr::x509
