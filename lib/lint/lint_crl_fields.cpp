// Lints of the TBSCertList's own fields and CRL extensions: version, signature algorithm, times,
// issuer, cRLNumber and authorityKeyIdentifier (CPS 7.2, RFC 5280 5.1 and 5.2).
#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include <map>

#include "lint/lint_crl_internal.h"
#include "ossl/der.h"
#include "ossl/error.h"
#include "profile/crl_profile_rules.h"
#include "x509/asn1_time.h"
#include "x509/extensions.h"
#include "x509/key_info.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::lint::crl_lints {
namespace {

using AlgorPtr = std::unique_ptr<X509_ALGOR, ossl::Deleter<X509_ALGOR_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, ossl::Deleter<AUTHORITY_KEYID_free>>;

// OpenSSL 3.0 has no getter for the TBSCertList's own AlgorithmIdentifier, so it is read from the
// DER: CertificateList SEQUENCE { TBSCertList SEQUENCE { [version INTEGER,] signature ... } }.
AlgorPtr inner_algorithm(const Bytes& der) {
  const unsigned char* p = der.data();
  long remaining = static_cast<long>(der.size());
  long len = 0;
  int tag = 0, cls = 0;
  for (int depth = 0; depth < 2; ++depth) {  // into CertificateList, then TBSCertList
    const unsigned char* start = p;
    if (ASN1_get_object(&p, &len, &tag, &cls, remaining) & 0x80 || tag != V_ASN1_SEQUENCE)
      return nullptr;
    remaining = std::min(len, remaining - static_cast<long>(p - start));
  }
  const unsigned char* q = p;
  if (ASN1_get_object(&q, &len, &tag, &cls, remaining) & 0x80) return nullptr;
  if (tag == V_ASN1_INTEGER && cls == V_ASN1_UNIVERSAL) {
    remaining -= static_cast<long>(q - p) + len;
    p = q + len;
  }
  return AlgorPtr(d2i_X509_ALGOR(nullptr, &p, remaining));
}

std::string octets_hex(const ASN1_OCTET_STRING* s) {
  return to_hex(
      ByteView(ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s))));
}

}  // namespace

std::string crl_extension_name(const ASN1_OBJECT* obj) {
  switch (OBJ_obj2nid(obj)) {
    case NID_crl_number:
      return "cRLNumber";
    case NID_authority_key_identifier:
      return "authorityKeyIdentifier";
    case NID_issuing_distribution_point:
      return "issuingDistributionPoint";
    case NID_delta_crl:
      return "deltaCRLIndicator";
    case NID_freshest_crl:
      return "freshestCRL";
    case NID_info_access:
      return "authorityInfoAccess";
    case NID_crl_reason:
      return "reasonCode";
    case NID_invalidity_date:
      return "invalidityDate";
    case NID_certificate_issuer:
      return "certificateIssuer";
    default:
      break;
  }
  char oid[128] = {0};
  OBJ_obj2txt(oid, sizeof oid, obj, 1);
  int nid = OBJ_obj2nid(obj);
  return nid == NID_undef ? std::string(oid) : std::string(oid) + " (" + OBJ_nid2ln(nid) + ")";
}

void version(const Context& c) {
  long v = X509_CRL_get_version(c.crl);
  if (v != X509_CRL_VERSION_2)
    c.error("e_crl_version_not_v2",
            "version is v" + std::to_string(v + 1) + "; CPS 7.2.1 requires v2");
}

void signature_algorithm(const Context& c) {
  const X509_ALGOR* outer = nullptr;
  X509_CRL_get0_signature(c.crl, nullptr, &outer);
  AlgorPtr inner = inner_algorithm(c.der);
  if (inner && outer && X509_ALGOR_cmp(inner.get(), outer) != 0)
    c.error("e_crl_sig_alg_mismatch",
            "the TBSCertList signature algorithm differs from signatureAlgorithm "
            "(RFC 5280 5.1.1.2)");
  x509::AlgorithmMatch match = x509::identify_signature_algorithm(inner ? inner.get() : outer);
  if (!match.problem.empty()) c.error("e_crl_sig_alg_params_invalid", match.problem);
  const EVP_PKEY* key = c.issuer ? X509_get0_pubkey(c.issuer) : nullptr;
  x509::KeyInfo signer = x509::describe_key(key);
  if (auto p = profile::check_crl_signature_algorithm(c.profile, match.algorithm, match.text,
                                                      key ? &signer : nullptr))
    c.problem(*p);
}

void times(const Context& c) {
  const ASN1_TIME* last = X509_CRL_get0_lastUpdate(c.crl);
  const ASN1_TIME* next = X509_CRL_get0_nextUpdate(c.crl);
  if (auto why = x509::time_encoding_problem(last); !why.empty())
    c.error("e_crl_time_encoding", "thisUpdate: " + why + " (RFC 5280 5.1.2.4)");
  if (!next) {
    c.error("e_crl_next_update_missing",
            "nextUpdate is missing; RFC 5280 5.1.2.5 requires conforming CRL issuers to include "
            "it");
  } else if (auto why = x509::time_encoding_problem(next); !why.empty()) {
    c.error("e_crl_time_encoding", "nextUpdate: " + why + " (RFC 5280 5.1.2.5)");
  }
  auto this_update = x509::from_asn1_time(last);
  auto next_update = next ? x509::from_asn1_time(next) : std::nullopt;
  if (this_update && next_update)
    if (auto p = profile::check_crl_interval(c.profile, *this_update, *next_update)) c.problem(*p);
}

void issuer(const Context& c) {
  if (!c.issuer) {
    c.notice("n_crl_issuer_not_checked",
             "no issuer certificate was given: the issuer name, authorityKeyIdentifier, key usage "
             "and validity were not checked");
    return;
  }
  const X509_NAME* crl_issuer = X509_CRL_get_issuer(c.crl);
  const X509_NAME* subject = X509_get_subject_name(c.issuer);
  if (!crl_issuer || ossl::name_der(crl_issuer) != ossl::name_der(subject)) {
    std::string ours = x509::name_text(crl_issuer), theirs = x509::name_text(subject);
    c.error("e_crl_issuer_mismatch",
            ours == theirs ? "the CRL's issuer \"" + ours +
                                 "\" reads like the issuer certificate's subject but is encoded "
                                 "differently; keyrite copies it byte for byte"
                           : "the CRL's issuer \"" + ours +
                                 "\" is not the issuer certificate's subject \"" + theirs + "\"");
  }
  auto this_update = x509::from_asn1_time(X509_CRL_get0_lastUpdate(c.crl));
  const ASN1_TIME* next = X509_CRL_get0_nextUpdate(c.crl);
  if (this_update)
    for (const auto& p : profile::check_crl_issuer_validity(
             c.issuer, *this_update, next ? x509::from_asn1_time(next) : std::nullopt))
      c.problem(p);
  if (auto p = profile::check_crl_issuer_key_usage(c.issuer)) c.problem(*p);
}

void extensions(const Context& c) {
  const STACK_OF(X509_EXTENSION)* exts = X509_CRL_get0_extensions(c.crl);
  std::map<std::string, int> seen;
  const X509_EXTENSION* number = nullptr;
  const X509_EXTENSION* aki = nullptr;
  for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
    const X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts, i);
    const ASN1_OBJECT* obj = X509_EXTENSION_get_object(const_cast<X509_EXTENSION*>(ext));
    std::string name = crl_extension_name(obj);
    if (++seen[name] == 2)
      c.error("e_crl_duplicate_extension", name + " appears more than once (RFC 5280 5.2)");
    int nid = OBJ_obj2nid(obj);
    if (nid == NID_crl_number && !number)
      number = ext;
    else if (nid == NID_authority_key_identifier && !aki)
      aki = ext;
    else if (nid != NID_crl_number && nid != NID_authority_key_identifier)
      c.error("e_crl_extension_unknown",
              "extension " + name +
                  " is not in keyrite's CRL profile, which has cRLNumber and "
                  "authorityKeyIdentifier only (CPS 7.2.2)");
    if (X509_EXTENSION_get_critical(ext))
      c.error("e_crl_extension_critical",
              name +
                  " is critical; keyrite's CRL profile marks every CRL extension non-critical "
                  "(RFC 5280 5.2.3)");
  }

  if (!number) {
    c.error("e_crl_number_missing",
            "cRLNumber is missing; CPS 7.2.2 and RFC 5280 5.2.3 require it");
  } else if (ossl::Asn1IntegerPtr n(
                 static_cast<ASN1_INTEGER*>(X509V3_EXT_d2i(const_cast<X509_EXTENSION*>(number))));
             !n) {
    c.error("e_crl_extension_malformed", "cRLNumber cannot be decoded as an INTEGER");
  } else {
    if (ASN1_STRING_type(n.get()) == V_ASN1_NEG_INTEGER)
      c.error("e_crl_number_negative", "cRLNumber -" + x509::serial_hex(n.get()).substr(1) +
                                           " is negative; RFC 5280 5.2.3 allows 0 to MAX");
    if (int octets = profile::integer_content_octets(n.get()); octets > 20)
      c.error("e_crl_number_too_long", "cRLNumber is " + std::to_string(octets) +
                                           " octets; RFC 5280 5.2.3 allows at most 20");
  }

  if (!aki) {
    c.error("e_crl_aki_missing",
            "authorityKeyIdentifier is missing; CPS 7.2.2 and RFC 5280 5.2.1 require it");
    return;
  }
  AuthorityKeyIdPtr akid(
      static_cast<AUTHORITY_KEYID*>(X509V3_EXT_d2i(const_cast<X509_EXTENSION*>(aki))));
  if (!akid) {
    c.error("e_crl_extension_malformed", "authorityKeyIdentifier cannot be decoded");
    return;
  }
  if (akid->issuer || akid->serial)
    c.error("e_crl_aki_has_issuer_serial",
            "authorityKeyIdentifier has authorityCertIssuer or authorityCertSerialNumber; CPS "
            "7.2.2 makes it the same as in the CA's certificates: keyIdentifier only");
  if (!akid->keyid) {
    c.error("e_crl_aki_no_key_id",
            "authorityKeyIdentifier has no keyIdentifier (RFC 5280 5.2.1 requires the key "
            "identifier method)");
    return;
  }
  if (!c.issuer) return;
  const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(const_cast<X509*>(c.issuer));
  if (ski) {
    if (ASN1_OCTET_STRING_cmp(ski, akid->keyid) != 0)
      c.error("e_crl_aki_mismatch", "authorityKeyIdentifier " + octets_hex(akid->keyid) +
                                        " is not the issuer certificate's subjectKeyIdentifier " +
                                        octets_hex(ski));
    return;
  }
  Bytes method1 = x509::key_identifier_sha1(c.issuer);
  if (to_hex(method1) != octets_hex(akid->keyid))
    c.error("e_crl_aki_mismatch", "authorityKeyIdentifier " + octets_hex(akid->keyid) +
                                      " is not the SHA-1 key identifier of the issuer's key " +
                                      to_hex(method1) +
                                      " (the issuer certificate has no subjectKeyIdentifier)");
}

}  // namespace kr::lint::crl_lints
