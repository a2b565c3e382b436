// The CSR lint: version, proof of possession, signature algorithm (CPS Appendix A), key (CPS
// 6.1.5), subject shape and attributes. Each part runs isolated, as in the certificate lint.
#include "lint/lint_csr.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <string>

#include "x509/algorithms.h"
#include "x509/csr_builder.h"
#include "x509/key_info.h"

namespace kr::lint {
namespace {

using Out = std::vector<Finding>;

void error(Out& out, std::string id, std::string message) {
  out.push_back({std::move(id), Severity::error, std::move(message)});
}

X509_REQ* mut(const X509_REQ* csr) {
  return const_cast<X509_REQ*>(csr);  // OpenSSL 3.0 getters that cache decoded values
}

void version(const X509_REQ* csr, Out& out) {
  long v = X509_REQ_get_version(csr);
  if (v != X509_REQ_VERSION_1)
    error(out, "e_csr_version",
          "version is " + std::to_string(v) + "; RFC 2986 4.1 requires 0 (v1)");
}

void signature(const X509_REQ* csr, Out& out) {
  const X509_ALGOR* alg = nullptr;
  X509_REQ_get0_signature(csr, nullptr, &alg);
  x509::AlgorithmMatch match = x509::identify_signature_algorithm(alg);
  if (match.algorithm && match.algorithm->forbidden)
    error(out, "e_csr_sig_alg_forbidden",
          match.text + " is forbidden: keyrite never accepts MD2, MD4, MD5 or SHA-1 signatures");
  else if (!match.algorithm)
    error(out, "e_csr_sig_alg_not_appendix_a",
          match.text + " is not a CPS Appendix A signature algorithm");
  if (!match.problem.empty()) error(out, "e_csr_sig_alg_params_invalid", match.problem);
  x509::KeyInfo key = x509::describe_key(X509_REQ_get0_pubkey(mut(csr)));
  if (match.algorithm && key.family != x509::KeyFamily::other &&
      match.algorithm->family != key.family)
    error(out, "e_csr_sig_alg_key_mismatch",
          match.text + " cannot be made with the request's " + key.text + " key");
  if (!x509::csr_signature_valid(csr))
    error(out, "e_csr_signature_invalid",
          "the signature does not verify with the request's own public key: no proof of "
          "possession (RFC 2986 3)");
}

void key(const X509_REQ* csr, Out& out) {
  const EVP_PKEY* pkey = X509_REQ_get0_pubkey(mut(csr));
  if (!pkey) {
    error(out, "e_csr_key_unreadable", "the subject public key cannot be read");
    return;
  }
  x509::KeyInfo k = x509::describe_key(pkey);
  const std::string allowed =
      "CPS 6.1.5 allows RSA of at least 2048 bits (a multiple of 8) or NIST P-256, P-384 or P-521";
  bool rsa = k.family == x509::KeyFamily::rsa, ec = k.family == x509::KeyFamily::ec;
  if ((rsa && k.bits < 2048) || (ec && k.bits > 0 && k.bits < 256))
    error(out, "e_csr_key_too_weak", k.text + " key is too weak; " + allowed);
  else if (!(rsa && k.bits % 8 == 0) &&
           !(ec && (k.curve == "P-256" || k.curve == "P-384" || k.curve == "P-521")))
    error(out, "e_csr_key_not_allowed", k.text + " key is not allowed; " + allowed);
}

void subject(const X509_REQ* csr, Out& out) {
  const X509_NAME* name = X509_REQ_get_subject_name(csr);
  int n = name ? X509_NAME_entry_count(name) : 0;
  if (n == 0) {
    error(out, "e_csr_subject_empty", "the subject is empty");
    return;
  }
  for (int i = 0; i < n; ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    if (i > 0 && X509_NAME_ENTRY_set(e) == X509_NAME_ENTRY_set(X509_NAME_get_entry(name, i - 1)))
      error(out, "e_csr_multi_attr_rdn",
            "RDN " + std::to_string(X509_NAME_ENTRY_set(e) + 1) +
                " holds more than one attribute; keyrite writes one attribute per RDN");
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(e);
    if (!value || ASN1_STRING_length(value) == 0) {
      char type[80] = {0};
      OBJ_obj2txt(type, sizeof type, X509_NAME_ENTRY_get_object(e), 0);
      error(out, "e_csr_subject_empty_value", std::string(type) + " is empty");
    }
  }
}

void attributes(const X509_REQ* csr, Out& out) {
  bool has_ext_req = false;
  for (int i = 0; i < X509_REQ_get_attr_count(csr); ++i) {
    X509_ATTRIBUTE* attr = X509_REQ_get_attr(csr, i);
    const ASN1_OBJECT* obj = X509_ATTRIBUTE_get0_object(attr);
    int nid = OBJ_obj2nid(obj);
    if (nid == NID_ext_req) {
      has_ext_req = true;
      continue;
    }
    char type[80] = {0};
    OBJ_obj2txt(type, sizeof type, obj, 0);
    error(
        out, "e_csr_attribute_unknown",
        std::string("attribute ") + type + " is not accepted; keyrite reads extensionRequest only" +
            (nid == NID_pkcs9_challengePassword ? " (a challengePassword is a secret in clear text)"
                                                : ""));
  }
  if (!has_ext_req) return;
  ossl::X509ExtensionsPtr exts(X509_REQ_get_extensions(mut(csr)));
  if (!exts) {
    error(out, "e_csr_extension_malformed", "the extensionRequest attribute cannot be decoded");
    return;
  }
  for (int i = 0; i < sk_X509_EXTENSION_num(exts.get()); ++i) {
    X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts.get(), i);
    if (!X509V3_EXT_get(ext)) continue;  // a type OpenSSL does not decode: nothing to check
    void* decoded = X509V3_EXT_d2i(ext);
    if (!decoded) {
      char type[80] = {0};
      OBJ_obj2txt(type, sizeof type, X509_EXTENSION_get_object(ext), 0);
      error(out, "e_csr_extension_malformed",
            std::string("requested extension ") + type + " cannot be decoded");
      continue;
    }
    const X509V3_EXT_METHOD* method = X509V3_EXT_get(ext);
    if (method->it)
      ASN1_item_free(static_cast<ASN1_VALUE*>(decoded), ASN1_ITEM_ptr(method->it));
    else
      method->ext_free(decoded);
  }
}

struct Part {
  const char* name;
  void (*run)(const X509_REQ*, Out&);
};

constexpr Part kParts[] = {{"version", version},
                           {"signature", signature},
                           {"key", key},
                           {"subject", subject},
                           {"attributes", attributes}};

}  // namespace

std::vector<Finding> lint_csr(const X509_REQ* csr) {
  Out out;
  if (!csr) {
    error(out, "e_csr_lint_failed", "there is no certificate request to lint");
    return out;
  }
  for (const auto& part : kParts) {
    try {
      part.run(csr, out);
    } catch (const std::exception& e) {
      error(out, "e_csr_lint_failed",
            std::string("lint ") + part.name + " could not run: " + e.what());
    }
  }
  ERR_clear_error();
  return out;
}

}  // namespace kr::lint
