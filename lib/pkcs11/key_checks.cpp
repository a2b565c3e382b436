// check_ca_key: attributes, size and halves of a key about to be used.
#include "pkcs11/key_checks.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>

#include "ossl/types.h"
#include "pkcs11/attributes.h"

namespace kr::pkcs11 {
namespace {

// The attribute, or nullopt when the module does not report it.
std::optional<bool> flag(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  auto value = get_attribute(session, object, type);
  if (!value || value->size() != sizeof(CK_BBOOL)) return std::nullopt;
  return (*value)[0] != CK_FALSE;
}

}  // namespace

KeyCheck check_ca_key(Session& session, const KeyPair& pair) {
  KeyCheck out;
  const auto priv = pair.private_key;
  std::vector<std::string> words;
  auto need = [&](CK_ATTRIBUTE_TYPE type, const char* name, bool want, const char* word,
                  std::vector<std::string>& bucket, const std::string& problem) {
    auto v = flag(session, priv, type);
    if (!v) {
      bucket.push_back(std::string("the token does not report ") + name);
    } else if (*v != want) {
      bucket.push_back(problem + " (" + name + " is " + (*v ? "true" : "false") + ")");
    } else if (word) {
      words.push_back(word);
    }
  };
  need(CKA_TOKEN, "CKA_TOKEN", true, "token", out.refused, "it is not stored on the token");
  need(CKA_PRIVATE, "CKA_PRIVATE", true, "private", out.refused, "it is not private");
  need(CKA_SENSITIVE, "CKA_SENSITIVE", true, "sensitive", out.refused, "it is not sensitive");
  need(CKA_SIGN, "CKA_SIGN", true, "sign", out.refused, "it cannot sign");

  // Extractable only in the backup form: wrapped, and only by a key the security officer trusts.
  auto extractable = flag(session, priv, CKA_EXTRACTABLE);
  auto trusted_wrap = flag(session, priv, CKA_WRAP_WITH_TRUSTED);
  const bool backup_form = extractable.value_or(true) && trusted_wrap.value_or(false);
  if (!extractable)
    out.refused.push_back("the token does not report CKA_EXTRACTABLE");
  else if (*extractable && !backup_form)
    out.refused.push_back(
        "it is extractable (CKA_EXTRACTABLE is true without "
        "CKA_WRAP_WITH_TRUSTED): the private key can leave the token");
  else
    words.push_back(backup_form ? "extractable-only-with-trusted-wrap" : "not-extractable");

  // Provenance: generated here and never exposed. An imported key fails these.
  need(CKA_ALWAYS_SENSITIVE, "CKA_ALWAYS_SENSITIVE", true, "always-sensitive",
       out.not_generated_here, "it was not always sensitive");
  if (!backup_form)
    need(CKA_NEVER_EXTRACTABLE, "CKA_NEVER_EXTRACTABLE", true, "never-extractable",
         out.not_generated_here, "it was extractable at some time");
  auto local = flag(session, priv, CKA_LOCAL);
  if (local.value_or(false))
    words.push_back("local");
  else if (session.module()->reports_cka_local())
    out.not_generated_here.push_back("it was not generated on the token (CKA_LOCAL is " +
                                     std::string(local ? "false" : "not reported") + ")");
  else
    words.push_back("local-not-reported-by-module");

  // Type and size (CPS 6.1.5); read_public_half already refused other key types and curves.
  if (pair.algorithm == KeyAlgorithm::rsa) {
    if (pair.bits != 2048 && pair.bits != 3072 && pair.bits != 4096)
      out.refused.push_back("its RSA modulus is " + std::to_string(pair.bits) +
                            " bits; CPS 6.1.5 allows 2048, 3072 or 4096");
    BIGNUM* raw = nullptr;
    EVP_PKEY_get_bn_param(pair.public_key.get(), OSSL_PKEY_PARAM_RSA_E, &raw);
    ossl::BignumPtr e(raw);
    if (!e || BN_get_word(e.get()) != 65537)
      out.refused.push_back("its public exponent is not 65537");
    // The public object must be this private key's half (RSA private keys show their modulus).
    auto own_modulus = get_attribute(session, priv, CKA_MODULUS);
    if (pair.public_key_object != CK_INVALID_HANDLE && own_modulus) {
      auto public_modulus = get_attribute(session, pair.public_key_object, CKA_MODULUS);
      if (!public_modulus || *public_modulus != *own_modulus)
        out.refused.push_back(
            "its public key object (same CKA_ID) has another modulus: it is not "
            "this private key's public half");
    }
  } else if (pair.curve != "P-256" && pair.curve != "P-384" && pair.curve != "P-521") {
    out.refused.push_back("it is on curve " + pair.curve +
                          "; CPS 6.1.5 allows P-256, P-384, P-521");
  }
  words.push_back(pair.describe());
  for (const auto& w : words) out.summary += (out.summary.empty() ? "" : " ") + w;
  return out;
}

}  // namespace kr::pkcs11
