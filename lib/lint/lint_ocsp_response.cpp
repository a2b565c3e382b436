// Lints of the ResponseData: version, response extensions, and the one SingleResponse (CertID,
// status, times and validity interval; RFC 6960 4.2, RFC 5019 2.2, BRs 4.9.10, CPS 4.10.1 and 7.3).
#include <openssl/bn.h>

#include <chrono>

#include "lint/lint_ocsp_internal.h"
#include "ossl/types.h"
#include "profile/period.h"
#include "x509/asn1_time.h"
#include "x509/crl_reason.h"
#include "x509/name.h"
#include "x509/ocsp_builder.h"
#include "x509/serial.h"

namespace kr::lint::ocsp_lints {
namespace {

using CertIdPtr = std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID_free>>;

// Whole-second GeneralizedTime in Zulu time (RFC 5280 4.1.2.5.2 form, which RFC 5019 follows).
std::optional<UtcTime> checked_time(const Context& c, const ASN1_GENERALIZEDTIME* t,
                                    const std::string& what) {
  if (!t) return std::nullopt;
  auto value = x509::from_asn1_time(t);
  if (ASN1_STRING_type(t) != V_ASN1_GENERALIZEDTIME || !value || ASN1_STRING_length(t) != 15 ||
      ASN1_STRING_get0_data(t)[14] != 'Z')
    c.error("e_ocsp_time_encoding", what + " is not a GeneralizedTime of the form YYYYMMDDHHMMSSZ");
  return value;
}

void extensions_critical(const Context& c, int count, X509_EXTENSION* (*get)(void*, int), void* obj,
                         const std::string& where) {
  for (int i = 0; i < count; ++i) {
    X509_EXTENSION* ext = get(obj, i);
    if (ext && X509_EXTENSION_get_critical(ext)) {
      char oid[80] = {0};
      OBJ_obj2txt(oid, sizeof oid, X509_EXTENSION_get_object(ext), 0);
      c.error("e_ocsp_extension_critical", where + " extension " + oid +
                                               " is critical; a client that does not know it must "
                                               "reject the response");
    }
  }
}

void interval(const Context& c, UtcTime this_update, UtcTime next_update) {
  if (next_update <= this_update) {
    c.error("e_ocsp_next_update_not_after_this_update", "nextUpdate " + format_utc(next_update) +
                                                            " is not later than thisUpdate " +
                                                            format_utc(this_update));
    return;
  }
  if (c.options.subject_kind == OcspSubjectKind::ca_certificate) {
    const profile::Period limit{0, 12, 0};
    if (next_update > profile::add_period(this_update, limit))
      c.error("e_ocsp_interval",
              "nextUpdate is " + profile::describe_span(this_update, next_update) +
                  " after thisUpdate; a response for a CA certificate may span at most 12 "
                  "months (CPS 4.10.1, BRs 4.9.10)");
    return;
  }
  // BRs 4.9.10 count the validity interval inclusively: thisUpdate to nextUpdate plus a second.
  UtcTime end = next_update + std::chrono::seconds(1);
  if (end - this_update > std::chrono::days(10))
    c.error("e_ocsp_interval",
            "the validity interval is " + profile::describe_span(this_update, end) +
                " (counted inclusively); a response for a subscriber certificate may span at most "
                "10 days (BRs 4.9.10)");
}

void cert_id(const Context& c, OCSP_SINGLERESP* single) {
  auto* id = const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(single));
  ASN1_OCTET_STRING *name_hash = nullptr, *key_hash = nullptr;
  ASN1_OBJECT* md_obj = nullptr;
  ASN1_INTEGER* serial = nullptr;
  if (!id || OCSP_id_get0_info(&name_hash, &md_obj, &key_hash, &serial, id) != 1) {
    c.error("e_ocsp_certid_mismatch", "the CertID cannot be read");
    return;
  }
  int nid = OBJ_obj2nid(md_obj);
  if (nid != NID_sha1 && nid != NID_sha256 && nid != NID_sha384 && nid != NID_sha512) {
    char oid[80] = {0};
    OBJ_obj2txt(oid, sizeof oid, md_obj, 0);
    c.error("e_ocsp_certid_hash_forbidden",
            std::string("the CertID hash ") + oid + " is not SHA-1 or SHA-2 (RFC 5019 2.1.1)");
    return;
  }
  if (!c.options.expected_serial.empty()) {
    ossl::BignumPtr want(BN_bin2bn(c.options.expected_serial.data(),
                                   static_cast<int>(c.options.expected_serial.size()), nullptr));
    ossl::BignumPtr got(ASN1_INTEGER_to_BN(serial, nullptr));
    if (!want || !got || BN_cmp(want.get(), got.get()) != 0)
      c.error("e_ocsp_certid_mismatch", "the CertID's serial " + x509::serial_hex(serial) +
                                            " is not the expected " +
                                            to_hex(c.options.expected_serial));
  }
  if (!c.issuer) {
    c.notice("n_ocsp_issuer_not_checked",
             "no issuer certificate was given: the CertID's issuer hashes were not checked");
    return;
  }
  const ASN1_BIT_STRING* issuer_key = X509_get0_pubkey_bitstr(c.issuer);
  if (!issuer_key) throw std::runtime_error("the issuer certificate has no public key");
  CertIdPtr expected(OCSP_cert_id_new(EVP_get_digestbynid(nid), X509_get_subject_name(c.issuer),
                                      issuer_key, serial));
  ASN1_OCTET_STRING *want_name = nullptr, *want_key = nullptr;
  if (!expected || OCSP_id_get0_info(&want_name, nullptr, &want_key, nullptr, expected.get()) != 1)
    throw std::runtime_error("cannot compute the issuer's CertID");
  std::string issuer = "\"" + x509::name_text(X509_get_subject_name(c.issuer)) + "\"";
  if (ASN1_OCTET_STRING_cmp(want_name, name_hash) != 0)
    c.error("e_ocsp_certid_mismatch",
            "the CertID's issuerNameHash is not the hash of the issuer's name " + issuer);
  if (ASN1_OCTET_STRING_cmp(want_key, key_hash) != 0)
    c.error("e_ocsp_certid_mismatch",
            "the CertID's issuerKeyHash is not the hash of the issuer's key (" + issuer + ")");
}

void status(const Context& c, OCSP_SINGLERESP* single, std::optional<UtcTime> this_update) {
  int reason = -1;
  ASN1_GENERALIZEDTIME *revoked_at = nullptr, *thisupd = nullptr, *nextupd = nullptr;
  int st = OCSP_single_get0_status(single, &reason, &revoked_at, &thisupd, &nextupd);
  if (st == V_OCSP_CERTSTATUS_UNKNOWN || st < 0) {
    c.error("e_ocsp_status_unknown",
            "certStatus is unknown; a pre-signed response says good or revoked");
    return;
  }
  if (st != V_OCSP_CERTSTATUS_REVOKED) return;
  auto when = checked_time(c, revoked_at, "revocationTime");
  if (when && this_update && *when > *this_update)
    c.error(
        "e_ocsp_revocation_after_this_update",
        "revocationTime " + format_utc(*when) + " is after thisUpdate " + format_utc(*this_update));
  if (reason == OCSP_REVOKED_STATUS_NOSTATUS) return;
  auto r = x509::crl_reason_from_value(reason);
  if (!r)
    c.error("e_ocsp_reason_not_allowed",
            "revocationReason " + std::to_string(reason) + " is not an RFC 5280 CRLReason");
  else if (*r == x509::CrlReason::unspecified)
    c.error("e_ocsp_reason_not_allowed",
            "revocationReason unspecified; RFC 5280 5.3.1 leaves the reason out instead");
  else if (*r == x509::CrlReason::certificate_hold || *r == x509::CrlReason::remove_from_crl)
    c.error("e_ocsp_reason_not_allowed", "revocationReason " +
                                             std::string(x509::crl_reason_name(*r)) +
                                             " is refused: keyrite does not suspend certificates "
                                             "(CPS 4.9.13)");
}

}  // namespace

void version(const Context& c) {
  // DER leaves out a DEFAULT v1, so a ResponseData starting with [0] carries another version
  // (or v1 encoded against DER).
  Bytes der = x509::ocsp_tbs_der(c.basic);
  const unsigned char* p = der.data();
  long len = 0;
  int tag = 0, cls = 0;
  if (ASN1_get_object(&p, &len, &tag, &cls, static_cast<long>(der.size())) & 0x80) return;
  if (p < der.data() + der.size() && *p == 0xA0)
    c.error("e_ocsp_version",
            "ResponseData has an explicit version; RFC 6960 4.2.1 responses are v1, which DER "
            "leaves out");
}

void response_extensions(const Context& c) {
  if (OCSP_BASICRESP_get_ext_by_NID(c.basic, NID_id_pkix_OCSP_Nonce, -1) >= 0)
    c.error("e_ocsp_nonce_present",
            "the response carries a nonce; a pre-signed response answers no particular request "
            "(CPS 7.3.1)");
  extensions_critical(
      c, OCSP_BASICRESP_get_ext_count(c.basic),
      [](void* o, int i) { return OCSP_BASICRESP_get_ext(static_cast<OCSP_BASICRESP*>(o), i); },
      c.basic, "response");
}

void single_responses(const Context& c) {
  int count = OCSP_resp_count(c.basic);
  if (count != 1)
    c.error("e_ocsp_single_response_count",
            "the response has " + std::to_string(count) +
                " SingleResponses; a pre-signed response (RFC 5019 2.2.1) has exactly one");
  auto produced = checked_time(c, OCSP_resp_get0_produced_at(c.basic), "producedAt");
  for (int i = 0; i < count; ++i) {
    OCSP_SINGLERESP* single = OCSP_resp_get0(c.basic, i);
    if (!single) continue;
    ASN1_GENERALIZEDTIME *thisupd = nullptr, *nextupd = nullptr;
    OCSP_single_get0_status(single, nullptr, nullptr, &thisupd, &nextupd);
    auto this_update = checked_time(c, thisupd, "thisUpdate");
    auto next_update = checked_time(c, nextupd, "nextUpdate");
    if (this_update && produced && *this_update > *produced)
      c.error("e_ocsp_this_update_after_produced", "thisUpdate " + format_utc(*this_update) +
                                                       " is after producedAt " +
                                                       format_utc(*produced));
    if (!nextupd)
      c.error("e_ocsp_next_update_missing",
              "nextUpdate is missing; a pre-signed response must say when it expires (BRs "
              "4.9.10)");
    else if (this_update && next_update)
      interval(c, *this_update, *next_update);
    cert_id(c, single);
    status(c, single, this_update);
    extensions_critical(
        c, OCSP_SINGLERESP_get_ext_count(single),
        [](void* o, int k) { return OCSP_SINGLERESP_get_ext(static_cast<OCSP_SINGLERESP*>(o), k); },
        single, "singleResponse");
  }
}

}  // namespace kr::lint::ocsp_lints
