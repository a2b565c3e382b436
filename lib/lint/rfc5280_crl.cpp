// The CRL itself, RFC 5280 5.1 and 5.2: version 2, matching signature algorithms, a non-empty
// issuer with well-encoded names, thisUpdate and nextUpdate encoded and ordered, and the CRL
// extensions present, unique and as critical as 5.2 says. Ids are lint_crl's where the defect is
// the same, so a finding reads the same with or without a CRL profile.
#include <openssl/err.h>

#include "lint/rfc5280_internal.h"
#include "x509/asn1_time.h"

namespace kr::lint::rfc {
namespace {

bool critical(const X509_EXTENSION* ext) {
  return ext && X509_EXTENSION_get_critical(ext) == 1;
}

void check_time(const CrlContext& c, const ASN1_TIME* t, const char* field, const char* section) {
  if (auto why = x509::time_encoding_problem(t); !why.empty())
    c.out.error("e_crl_time_encoding",
                std::string(field) + ": " + why + " (RFC 5280 " + section + ")",
                "e_crl_time_encoding");
}

}  // namespace

void crl_fields(const CrlContext& c) {
  long version = X509_CRL_get_version(c.crl);
  if (version != 1)
    c.out.error("e_crl_version_not_v2",
                "the CRL is " +
                    (version == 0 ? std::string("v1") : "version " + std::to_string(version + 1)) +
                    "; RFC 5280 5.1.2.1 requires v2 for CRLs with extensions, and a conforming "
                    "CRL has the crlNumber extension",
                "e_crl_version_not_v2");
  const X509_NAME* issuer = X509_CRL_get_issuer(c.crl);
  if (!issuer || X509_NAME_entry_count(issuer) == 0)
    c.out.error("e_issuer_name_empty",
                "the issuer name is empty; RFC 5280 5.1.2.3 requires a non-empty distinguished "
                "name");
  check_name(issuer, "issuer", c.out, NameIds{});
  const ASN1_TIME* this_update = X509_CRL_get0_lastUpdate(c.crl);
  const ASN1_TIME* next_update = X509_CRL_get0_nextUpdate(c.crl);
  check_time(c, this_update, "thisUpdate", "5.1.2.4");
  if (!next_update)
    return c.out.error("e_crl_next_update_missing",
                       "nextUpdate is missing; RFC 5280 5.1.2.5 requires it in conforming CRLs",
                       "e_crl_next_update_missing");
  check_time(c, next_update, "nextUpdate", "5.1.2.5");
  auto this_time = read_time(this_update), next_time = read_time(next_update);
  if (this_time && next_time && *next_time <= *this_time)
    c.out.error("e_crl_next_update_not_after_this_update",
                "nextUpdate " + format_utc(*next_time) + " is not after thisUpdate " +
                    format_utc(*this_time),
                "e_crl_next_update_not_after_this_update");
}

void crl_signature_algorithm(const CrlContext& c, ByteView der) {
  bool match = true;
  if (signature_algorithms_match(der, match) && !match)
    c.out.error("e_crl_sig_alg_mismatch",
                "the TBSCertList signature algorithm differs from signatureAlgorithm (RFC 5280 "
                "5.1.1.2)",
                "e_crl_sig_alg_mismatch");
}

void crl_extensions(const CrlContext& c) {
  const auto* exts = X509_CRL_get0_extensions(c.crl);
  duplicate_extensions(exts, c.out, "e_crl_duplicate_extension", "", "e_crl_duplicate_extension");

  X509_EXTENSION* aki_ext = find_extension(exts, NID_authority_key_identifier);
  if (!aki_ext) {
    c.out.error("e_crl_aki_missing",
                "authorityKeyIdentifier is missing; RFC 5280 5.2.1 requires it",
                "e_crl_aki_missing");
  } else {
    if (critical(aki_ext))
      c.out.error("e_crl_extension_critical",
                  "authorityKeyIdentifier is critical; RFC 5280 5.2.1 requires it non-critical",
                  "e_crl_extension_critical");
    Owned<AUTHORITY_KEYID, AUTHORITY_KEYID_free> aki(
        static_cast<AUTHORITY_KEYID*>(X509V3_EXT_d2i(aki_ext)));
    ERR_clear_error();
    if (!aki)
      c.out.error("e_crl_extension_malformed", "authorityKeyIdentifier does not decode",
                  "e_crl_extension_malformed");
    else if (!aki->keyid)
      c.out.error("e_crl_aki_no_key_id",
                  "authorityKeyIdentifier has no keyIdentifier; RFC 5280 5.2.1 requires one",
                  "e_crl_aki_no_key_id");
  }

  X509_EXTENSION* number_ext = find_extension(exts, NID_crl_number);
  if (!number_ext) {
    c.out.error("e_crl_number_missing", "crlNumber is missing; RFC 5280 5.2.3 requires it",
                "e_crl_number_missing");
  } else {
    if (critical(number_ext))
      c.out.error("e_crl_extension_critical",
                  "crlNumber is critical; RFC 5280 5.2.3 requires it non-critical",
                  "e_crl_extension_critical");
    Owned<ASN1_INTEGER, ASN1_INTEGER_free> number(
        static_cast<ASN1_INTEGER*>(X509V3_EXT_d2i(number_ext)));
    ERR_clear_error();
    if (!number) {
      c.out.error("e_crl_extension_malformed", "crlNumber does not decode",
                  "e_crl_extension_malformed");
    } else {
      if (ASN1_STRING_type(number.get()) == V_ASN1_NEG_INTEGER)
        c.out.error("e_crl_number_negative",
                    "crlNumber " + integer_hex(number.get()) +
                        " is negative; RFC 5280 5.2.3 requires 0 or more",
                    "e_crl_number_negative");
      if (int octets = integer_content_octets(number.get()); octets > 20)
        c.out.error(
            "e_crl_number_too_long",
            "crlNumber is " + std::to_string(octets) + " octets; RFC 5280 5.2.3 allows at most 20",
            "e_crl_number_too_long");
    }
  }

  if (X509_EXTENSION* delta = find_extension(exts, NID_delta_crl); delta && !critical(delta))
    c.out.error("e_crl_delta_indicator_not_critical",
                "deltaCRLIndicator is not critical; RFC 5280 5.2.4 requires it critical");
  if (X509_EXTENSION* idp = find_extension(exts, NID_issuing_distribution_point);
      idp && !critical(idp))
    c.out.error("e_crl_idp_not_critical",
                "issuingDistributionPoint is not critical; RFC 5280 5.2.5 requires it critical");
  if (critical(find_extension(exts, NID_freshest_crl)))
    c.out.error("e_freshest_crl_critical",
                "freshestCRL is critical; RFC 5280 5.2.6 requires it non-critical");
  if (critical(find_extension(exts, NID_info_access)))
    c.out.error("e_aia_critical",
                "authorityInfoAccess is critical; RFC 5280 5.2.7 requires it non-critical");
}

}  // namespace kr::lint::rfc
