// Assembling the TBSCertList with OpenSSL's setters and X509V3 encoders; entries are sorted here
// because OpenSSL writes them in the order they were added.
#include "x509/crl_builder.h"

#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "ossl/error.h"
#include "util/error.h"
#include "x509/asn1_time.h"
#include "x509/serial.h"

namespace kr::x509 {
namespace {

using RevokedPtr = std::unique_ptr<X509_REVOKED, ossl::Deleter<X509_REVOKED_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, ossl::Deleter<AUTHORITY_KEYID_free>>;
using EnumeratedPtr = std::unique_ptr<ASN1_ENUMERATED, ossl::Deleter<ASN1_ENUMERATED_free>>;
using GeneralizedTimePtr =
    std::unique_ptr<ASN1_GENERALIZEDTIME, ossl::Deleter<ASN1_GENERALIZEDTIME_free>>;

// The magnitude without leading zero octets, so {0x00, 0x05} and {0x05} compare equal.
ByteView trimmed(ByteView b) {
  std::size_t i = 0;
  while (i < b.size() && b[i] == 0) ++i;
  return b.subspan(i);
}

bool serial_less(ByteView a, ByteView b) {
  a = trimmed(a);
  b = trimmed(b);
  if (a.size() != b.size()) return a.size() < b.size();
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

bool serial_equal(ByteView a, ByteView b) {
  a = trimmed(a);
  b = trimmed(b);
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

ossl::Asn1IntegerPtr crl_number_integer(ByteView number) {
  if (number.empty()) throw Error("the CRL number is empty");
  ossl::BignumPtr bn(BN_bin2bn(number.data(), static_cast<int>(number.size()), nullptr));
  if (!bn) ossl::throw_error("BN_bin2bn");
  // RFC 5280 5.2.3: at most 20 octets of INTEGER content, the sign octet included.
  if (BN_num_bits(bn.get()) > 159)
    throw Error("the CRL number is longer than 20 octets (RFC 5280 5.2.3)");
  ossl::Asn1IntegerPtr out(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!out) ossl::throw_error("BN_to_ASN1_INTEGER");
  return out;
}

std::string where(std::size_t index) {
  return "revoked[" + std::to_string(index) + "]";
}

void check_entry(const CrlEntry& e, std::size_t index) {
  try {
    serial_to_asn1(e.serial);
  } catch (const Error& err) {
    throw Error(where(index) + ": " + err.what());
  }
  if (e.reason == CrlReason::certificate_hold || e.reason == CrlReason::remove_from_crl)
    throw Error(where(index) + ": reason " + std::string(crl_reason_name(*e.reason)) +
                " is refused: keyrite does not suspend certificates (CPS 4.9.13) or make delta "
                "CRLs");
}

// The entry was checked by check_entry.
void add_entry(X509_CRL* crl, const CrlEntry& e) {
  RevokedPtr rev(X509_REVOKED_new());
  if (!rev) ossl::throw_error("X509_REVOKED_new");
  auto serial = serial_to_asn1(e.serial);
  ossl::check(X509_REVOKED_set_serialNumber(rev.get(), serial.get()), "revoked serialNumber");
  auto date = to_asn1_time(e.revocation_date);
  ossl::check(X509_REVOKED_set_revocationDate(rev.get(), date.get()), "revocationDate");
  if (e.reason && *e.reason != CrlReason::unspecified) {
    EnumeratedPtr code(ASN1_ENUMERATED_new());
    if (!code || ASN1_ENUMERATED_set(code.get(), static_cast<long>(*e.reason)) != 1)
      ossl::throw_error("reasonCode");
    ossl::check(
        X509_REVOKED_add1_ext_i2d(rev.get(), NID_crl_reason, code.get(), 0, X509V3_ADD_DEFAULT),
        "adding reasonCode");
  }
  if (e.invalidity_date) {
    GeneralizedTimePtr t(ASN1_GENERALIZEDTIME_set(
        nullptr, static_cast<time_t>(e.invalidity_date->time_since_epoch().count())));
    if (!t) ossl::throw_error("invalidityDate " + format_utc(*e.invalidity_date));
    ossl::check(
        X509_REVOKED_add1_ext_i2d(rev.get(), NID_invalidity_date, t.get(), 0, X509V3_ADD_DEFAULT),
        "adding invalidityDate");
  }
  if (X509_CRL_add0_revoked(crl, rev.get()) != 1) ossl::throw_error("X509_CRL_add0_revoked");
  rev.release();  // the CRL owns it now
}

}  // namespace

Bytes crl_number_bytes(std::uint64_t n) {
  Bytes out;
  for (int shift = 56; shift >= 0; shift -= 8) {
    auto b = static_cast<std::uint8_t>(n >> shift);
    if (b != 0 || !out.empty()) out.push_back(b);
  }
  if (out.empty()) out.push_back(0);
  return out;
}

ossl::X509CrlPtr build_crl(const CrlTemplate& t) {
  if (!t.issuer) throw Error("the CRL template names no issuer certificate");
  X509* issuer = const_cast<X509*>(t.issuer);  // the getters below only read (and cache)
  const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(issuer);
  if (!ski || ASN1_STRING_length(ski) == 0)
    throw Error(
        "the issuer certificate has no subjectKeyIdentifier; CPS 7.2.2 requires the "
        "CRL's authorityKeyIdentifier to repeat it");
  if (t.next_update <= t.this_update)
    throw Error("next-update " + format_utc(t.next_update) + " is not later than this-update " +
                format_utc(t.this_update));
  auto number = crl_number_integer(t.crl_number);

  for (std::size_t i = 0; i < t.entries.size(); ++i) check_entry(t.entries[i], i);
  std::vector<std::size_t> order(t.entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return serial_less(t.entries[a].serial, t.entries[b].serial);
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    std::size_t first = std::min(order[k - 1], order[k]), second = std::max(order[k - 1], order[k]);
    if (serial_equal(t.entries[first].serial, t.entries[second].serial))
      throw Error(where(second) + ": serial " + to_hex(trimmed(t.entries[second].serial)) +
                  " is already listed at " + where(first) + "; a CRL lists a certificate once");
  }

  ossl::X509CrlPtr crl(X509_CRL_new());
  if (!crl) ossl::throw_error("X509_CRL_new");
  ossl::check(X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2), "X509_CRL_set_version");
  ossl::check(X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(t.issuer)),
              "X509_CRL_set_issuer_name");
  auto this_update = to_asn1_time(t.this_update);
  auto next_update = to_asn1_time(t.next_update);
  ossl::check(X509_CRL_set1_lastUpdate(crl.get(), this_update.get()), "thisUpdate");
  ossl::check(X509_CRL_set1_nextUpdate(crl.get(), next_update.get()), "nextUpdate");

  for (std::size_t i : order) add_entry(crl.get(), t.entries[i]);

  AuthorityKeyIdPtr akid(AUTHORITY_KEYID_new());
  if (!akid) ossl::throw_error("AUTHORITY_KEYID_new");
  akid->keyid = ASN1_OCTET_STRING_dup(ski);
  if (!akid->keyid) ossl::throw_error("ASN1_OCTET_STRING_dup");
  ossl::check(X509_CRL_add1_ext_i2d(crl.get(), NID_authority_key_identifier, akid.get(), 0,
                                    X509V3_ADD_DEFAULT),
              "adding authorityKeyIdentifier");
  ossl::check(X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, X509V3_ADD_DEFAULT),
              "adding cRLNumber");
  return crl;
}

Bytes crl_tbs_der(const X509_CRL* crl) {
  // i2d_re_X509_CRL_tbs marks the cached encoding stale and re-encodes; the content is unchanged.
  X509_CRL* c = const_cast<X509_CRL*>(crl);
  int len = i2d_re_X509_CRL_tbs(c, nullptr);
  if (len <= 0) ossl::throw_error("encoding the TBSCertList");
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d_re_X509_CRL_tbs(c, &p) != len) ossl::throw_error("encoding the TBSCertList");
  return out;
}

std::optional<Bytes> crl_number(const X509_CRL* crl) {
  if (!crl) return std::nullopt;
  int crit = 0;
  ossl::Asn1IntegerPtr n(
      static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl, NID_crl_number, &crit, nullptr)));
  ossl::drain_errors();
  if (!n) return std::nullopt;
  ossl::BignumPtr bn(ASN1_INTEGER_to_BN(n.get(), nullptr));
  if (!bn || BN_is_negative(bn.get())) return std::nullopt;
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn.get())));
  BN_bn2bin(bn.get(), out.data());
  if (out.empty()) out.push_back(0);
  return out;
}

}  // namespace kr::x509
