// The CRL builder: a template in, an unsigned v2 X509_CRL out (RFC 5280 section 5, CPS 7.2).
// Signing is not done here: X509_CRL_sign_ctx with a context from
// provider::make_signing_context signs it. crl_tbs_der gives the to-be-signed bytes so the ceremony
// can check that the trial signature and the HSM signature cover the same TBSCertList.
#pragma once

#include <openssl/x509.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "ossl/types.h"
#include "util/bytes.h"
#include "util/time.h"
#include "x509/crl_reason.h"

namespace kr::x509 {

struct CrlEntry {
  Bytes serial;  // big-endian magnitude, as for serial_to_asn1: positive, at most 20 octets
  UtcTime revocation_date{};
  // nullopt or unspecified: no reasonCode (RFC 5280 5.3.1: absent rather than unspecified).
  // certificateHold and removeFromCRL are refused: keyrite never suspends (CPS 4.9.13 "Amazon does
  // not suspend certificates") and makes no delta CRLs, the only place removeFromCRL means
  // anything.
  std::optional<CrlReason> reason;
  std::optional<UtcTime> invalidity_date;  // written as GeneralizedTime (RFC 5280 5.3.2)
};

struct CrlTemplate {
  // The CA certificate whose key signs the CRL: the CRL's issuer is its subject, copied byte for
  // byte, and authorityKeyIdentifier.keyIdentifier is its subjectKeyIdentifier (CPS 7.2.2).
  const X509* issuer = nullptr;
  UtcTime this_update{};
  UtcTime next_update{};
  Bytes crl_number;  // big-endian magnitude (crl_number_bytes for a uint64); 0 is allowed
  std::vector<CrlEntry> entries;  // any order: written sorted by serial, ascending
};

// The shortest big-endian form of n ({0x00} for zero).
Bytes crl_number_bytes(std::uint64_t n);

// A v2 CRL with authorityKeyIdentifier and cRLNumber (both non-critical, in that order) and,
// per entry, reasonCode and invalidityDate (non-critical) when given. Throws kr::Error naming the
// problem for: no issuer, an issuer without subjectKeyIdentifier, next_update not after
// this_update, an empty or over-long CRL number, a bad serial ("revoked[2]: ..."), a serial listed
// twice, a refused reason.
ossl::X509CrlPtr build_crl(const CrlTemplate& t);

// The DER TBSCertList, re-encoded from the structure (i2d_re_X509_CRL_tbs): after signing, the
// exact bytes the signature covers.
Bytes crl_tbs_der(const X509_CRL* crl);

// The cRLNumber as its big-endian magnitude ({0x00} for zero); nullopt when the extension is
// absent, unreadable or negative.
std::optional<Bytes> crl_number(const X509_CRL* crl);

}  // namespace kr::x509
