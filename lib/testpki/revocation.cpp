#include "testpki/revocation.h"

#include "testpki/crypto.h"
#include "util/error.h"
#include "x509/ocsp_builder.h"

namespace kr::testpki {
namespace {

constexpr std::chrono::seconds kHour{3600};
constexpr std::chrono::seconds kWeek{7 * 86400};

std::optional<x509::CrlReason> reason_of(const NodeSpec& node) {
  if (node.revoked && !node.revoked->reason.empty())
    return x509::crl_reason_from_name(node.revoked->reason);
  if (node.defect == "revoked") return x509::CrlReason::key_compromise;
  return std::nullopt;
}

// The serial as serial_to_asn1 takes it. OpenSSL keeps an INTEGER's magnitude without leading
// zeros, so a random serial whose first octet was 0x00 can start with a set top bit (1 in 512):
// that one needs its 0x00 back to stay positive.
Bytes serial_bytes(const X509* cert) {
  const ASN1_INTEGER* s = X509_get0_serialNumber(cert);
  Bytes out(ASN1_STRING_get0_data(s), ASN1_STRING_get0_data(s) + ASN1_STRING_length(s));
  if (!out.empty() && (out[0] & 0x80)) out.insert(out.begin(), 0x00);
  return out;
}

}  // namespace

x509::CrlEntry revocation_entry(const Made& made, UtcTime reference) {
  x509::CrlEntry e;
  e.serial = serial_bytes(made.cert.get());
  e.revocation_date = reference - kHour;
  e.reason = reason_of(*made.spec);
  return e;
}

ossl::X509CrlPtr make_crl(const SeededLibrary& library, const Made& ca,
                          std::vector<x509::CrlEntry> entries, UtcTime reference) {
  x509::CrlTemplate t;
  t.issuer = ca.cert.get();
  t.this_update = reference - kHour;
  t.next_update = reference + kWeek;
  t.crl_number = x509::crl_number_bytes(1);
  t.entries = std::move(entries);
  auto crl = x509::build_crl(t);
  RandomScope scope(library, ca.name + "/crl");
  sign_crl(crl.get(), library.libctx(), ca.key, default_algorithm_for(ca.key));
  return crl;
}

Bytes ocsp_response(const SeededLibrary& library, const Made& leaf, bool revoked,
                    UtcTime reference) {
  if (!leaf.issuer) throw Error(leaf.name + " has no issuer to answer OCSP for it");
  x509::OcspTemplate t;
  t.issuer = leaf.issuer->cert.get();
  t.certificate = leaf.cert.get();
  t.status = revoked ? x509::OcspStatus::revoked : x509::OcspStatus::good;
  t.revocation_time = reference - kHour;
  t.reason = reason_of(*leaf.spec);
  t.this_update = t.produced_at = reference - kHour;
  t.next_update = reference + kWeek;
  RandomScope scope(library, leaf.name + "/ocsp");
  auto ctx =
      signing_context(library.libctx(), leaf.issuer->key, default_algorithm_for(leaf.issuer->key));
  auto response = x509::build_and_sign_ocsp(t, ctx.get());
  return x509::ocsp_response_der(response.get());
}

}  // namespace kr::testpki
