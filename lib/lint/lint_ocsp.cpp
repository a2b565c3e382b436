// The OCSP lint engine: response status and type first (nothing else means anything without
// them), then who signed, then an explicit table of lints, each isolated so that one failing on a
// strange response is reported as a finding instead of hiding the others.
#include <openssl/err.h>

#include <algorithm>

#include "lint/lint_ocsp_internal.h"
#include "x509/extensions.h"
#include "x509/ocsp_builder.h"

namespace kr::lint {
namespace {

struct Entry {
  const char* name;
  void (*run)(const ocsp_lints::Context&);
};

constexpr Entry kLints[] = {
    {"version", ocsp_lints::version},
    {"signature-algorithm", ocsp_lints::signature_algorithm},
    {"signature", ocsp_lints::signature},
    {"responder-id", ocsp_lints::responder_id},
    {"delegation", ocsp_lints::delegation},
    {"response-extensions", ocsp_lints::response_extensions},
    {"single-responses", ocsp_lints::single_responses},
};

// The given signer; else the issuer when the responder ID names it; else a certificate from the
// response that the responder ID names; else the issuer (its mismatch is then reported).
const X509* find_signer(OCSP_BASICRESP* bs, const X509* issuer, const X509* signer) {
  if (signer) return signer;
  if (issuer && ocsp_lints::responder_id_matches(bs, issuer)) return issuer;
  const STACK_OF(X509)* certs = OCSP_resp_get0_certs(bs);
  for (int i = 0; i < sk_X509_num(certs); ++i)
    if (ocsp_lints::responder_id_matches(bs, sk_X509_value(certs, i)))
      return sk_X509_value(certs, i);
  return issuer;
}

// Whether cert's key is the one the first CertID names as the issuer's (issuerKeyHash): how the
// CA is recognised when no issuer certificate was given.
bool names_certid_issuer(OCSP_BASICRESP* bs, const X509* cert) {
  OCSP_SINGLERESP* single = OCSP_resp_count(bs) > 0 ? OCSP_resp_get0(bs, 0) : nullptr;
  if (!single || !cert) return false;
  ASN1_OCTET_STRING* key_hash = nullptr;
  ASN1_OBJECT* md_obj = nullptr;
  OCSP_id_get0_info(nullptr, &md_obj, &key_hash, nullptr,
                    const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(single)));
  const EVP_MD* md = md_obj ? EVP_get_digestbyobj(md_obj) : nullptr;
  const ASN1_BIT_STRING* key = X509_get0_pubkey_bitstr(cert);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!md || !key_hash || !key ||
      EVP_Digest(ASN1_STRING_get0_data(key), static_cast<std::size_t>(ASN1_STRING_length(key)), out,
                 &len, md, nullptr) != 1)
    return false;
  return static_cast<int>(len) == ASN1_STRING_length(key_hash) &&
         std::equal(out, out + len, ASN1_STRING_get0_data(key_hash));
}

std::string status_name(int status) {
  const char* text = OCSP_response_status_str(status);
  return std::string(text ? text : "unknown") + " (" + std::to_string(status) + ")";
}

}  // namespace

namespace ocsp_lints {

bool responder_id_matches(const OCSP_BASICRESP* basic, const X509* cert) {
  const ASN1_OCTET_STRING* key = nullptr;
  const X509_NAME* name = nullptr;
  if (!cert || OCSP_resp_get0_id(basic, &key, &name) != 1) return false;
  if (name) return X509_NAME_cmp(name, X509_get_subject_name(cert)) == 0;
  if (!key) return false;
  Bytes hash = x509::key_identifier_sha1(cert);  // RFC 6960 4.2.2.3: SHA-1 of the key BIT STRING
  return Bytes(ASN1_STRING_get0_data(key), ASN1_STRING_get0_data(key) + ASN1_STRING_length(key)) ==
         hash;
}

}  // namespace ocsp_lints

std::vector<Finding> lint_ocsp_response(const OCSP_RESPONSE* response, const X509* issuer,
                                        const X509* signer) {
  return lint_ocsp_response(response, issuer, signer, OcspLintOptions{});
}

std::vector<Finding> lint_ocsp_response(const OCSP_RESPONSE* response, const X509* issuer,
                                        const X509* signer, const OcspLintOptions& options) {
  std::vector<Finding> out;
  auto fail = [&](std::string id, std::string message) {
    out.push_back({std::move(id), Severity::error, std::move(message)});
    ERR_clear_error();
    return out;
  };
  if (!response) return fail("e_ocsp_lint_failed", "there is no OCSP response to lint");
  int status = OCSP_response_status(const_cast<OCSP_RESPONSE*>(response));
  if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL)
    return fail("e_ocsp_not_successful", "responseStatus is " + status_name(status) +
                                             "; a pre-signed response must be successful (0)");
  auto basic = x509::ocsp_basic(response);
  if (!basic)
    return fail("e_ocsp_not_basic",
                "the response bytes are not a readable BasicOCSPResponse (id-pkix-ocsp-basic)");
  try {
    const X509* who = find_signer(basic.get(), issuer, signer);
    bool delegated =
        who && (issuer ? X509_cmp(who, issuer) != 0 : !names_certid_issuer(basic.get(), who));
    ocsp_lints::Context ctx{basic.get(), issuer, who, delegated, options, out};
    for (const auto& lint : kLints) {
      try {
        lint.run(ctx);
      } catch (const std::exception& e) {
        out.push_back({"e_ocsp_lint_failed", Severity::error,
                       std::string("lint ") + lint.name + " could not run: " + e.what()});
      }
    }
  } catch (const std::exception& e) {
    out.push_back({"e_ocsp_lint_failed", Severity::error, e.what()});
  }
  ERR_clear_error();  // decoding odd input leaves entries that would confuse a later caller
  return out;
}

}  // namespace kr::lint
