// The Appendix A table and AlgorithmIdentifier recognition, parameters included: an algorithm with
// the right OID but wrong parameters (RFC 4055 NULL, RFC 5758 absent, PSS hash/MGF1/salt) is named
// together with what is wrong, so the lint can say exactly why it rejects it.
#include "x509/algorithms.h"

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>

#include <array>
#include <memory>

namespace kr::x509 {
namespace {

constexpr std::array<SignatureAlgorithm, 17> kAlgorithms{{
    {"md2WithRSAEncryption", "1.2.840.113549.1.1.2", "MD2", KeyFamily::rsa, false, true},
    {"md4WithRSAEncryption", "1.2.840.113549.1.1.3", "MD4", KeyFamily::rsa, false, true},
    {"md5WithRSAEncryption", "1.2.840.113549.1.1.4", "MD5", KeyFamily::rsa, false, true},
    {"sha1WithRSAEncryption", "1.2.840.113549.1.1.5", "SHA1", KeyFamily::rsa, false, true},
    {"sha256WithRSAEncryption", "1.2.840.113549.1.1.11", "SHA256", KeyFamily::rsa},
    {"sha384WithRSAEncryption", "1.2.840.113549.1.1.12", "SHA384", KeyFamily::rsa},
    {"sha512WithRSAEncryption", "1.2.840.113549.1.1.13", "SHA512", KeyFamily::rsa},
    // Not an Appendix A name: PSS with its default SHA-1 hash, so a certificate using it is
    // recognised as forbidden rather than as unknown.
    {"rsassaPss-sha1", "1.2.840.113549.1.1.10", "SHA1", KeyFamily::rsa, true, true},
    {"rsassaPss-sha256", "1.2.840.113549.1.1.10", "SHA256", KeyFamily::rsa, true},
    {"rsassaPss-sha384", "1.2.840.113549.1.1.10", "SHA384", KeyFamily::rsa, true},
    {"rsassaPss-sha512", "1.2.840.113549.1.1.10", "SHA512", KeyFamily::rsa, true},
    {"dsaWithSHA1", "1.2.840.10040.4.3", "SHA1", KeyFamily::dsa, false, true},
    {"dsa_with_SHA256", "2.16.840.1.101.3.4.3.2", "SHA256", KeyFamily::dsa},
    {"ecdsa-with-SHA1", "1.2.840.10045.4.1", "SHA1", KeyFamily::ec, false, true},
    {"ecdsa-with-SHA256", "1.2.840.10045.4.3.2", "SHA256", KeyFamily::ec},
    {"ecdsa-with-SHA384", "1.2.840.10045.4.3.3", "SHA384", KeyFamily::ec},
    {"ecdsa-with-SHA512", "1.2.840.10045.4.3.4", "SHA512", KeyFamily::ec},
}};

constexpr std::string_view kPssOid = "1.2.840.113549.1.1.10";

std::string dotted(const ASN1_OBJECT* obj) {
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
  if (n <= 0) return "(unreadable OID)";
  return std::string(buf, static_cast<std::size_t>(std::min<int>(n, sizeof buf - 1)));
}

std::string describe_unknown(const ASN1_OBJECT* obj) {
  std::string text = dotted(obj);
  int nid = OBJ_obj2nid(obj);
  if (nid != NID_undef) text += std::string(" (") + OBJ_nid2ln(nid) + ")";
  return text;
}

// The digest an AlgorithmIdentifier names (PSS hashAlgorithm or MGF1 parameter); empty if none.
std::string digest_name(const X509_ALGOR* alg) {
  if (!alg) return "SHA1";  // RFC 4055 default
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
  switch (OBJ_obj2nid(obj)) {
    case NID_sha1:
      return "SHA1";
    case NID_sha256:
      return "SHA256";
    case NID_sha384:
      return "SHA384";
    case NID_sha512:
      return "SHA512";
    default:
      return {};
  }
}

struct PssParamsFree {
  void operator()(RSA_PSS_PARAMS* p) const { RSA_PSS_PARAMS_free(p); }
};
struct AlgorFree {
  void operator()(X509_ALGOR* p) const { X509_ALGOR_free(p); }
};

AlgorithmMatch identify_pss(int ptype, const void* pval) {
  AlgorithmMatch m;
  m.text = "rsassaPss";
  if (ptype != V_ASN1_SEQUENCE) {
    m.problem = "rsassaPss parameters are missing (RFC 4055 requires them in certificates)";
    return m;
  }
  std::unique_ptr<RSA_PSS_PARAMS, PssParamsFree> params(static_cast<RSA_PSS_PARAMS*>(
      ASN1_item_unpack(static_cast<const ASN1_STRING*>(pval), ASN1_ITEM_rptr(RSA_PSS_PARAMS))));
  if (!params) {
    m.problem = "rsassaPss parameters do not decode";
    return m;
  }
  std::string hash = digest_name(params->hashAlgorithm);
  for (const auto& a : kAlgorithms)
    if (a.pss && a.digest == hash) m.algorithm = &a;
  if (!m.algorithm) {
    m.problem = "rsassaPss hash algorithm is not SHA-1, SHA-256, SHA-384 or SHA-512";
    return m;
  }
  m.text = std::string(m.algorithm->name);
  std::string mgf_hash = "SHA1";
  if (params->maskGenAlgorithm) {
    const ASN1_OBJECT* obj = nullptr;
    int mgf_ptype = 0;
    const void* mgf_pval = nullptr;
    X509_ALGOR_get0(&obj, &mgf_ptype, &mgf_pval, params->maskGenAlgorithm);
    std::unique_ptr<X509_ALGOR, AlgorFree> mgf_param;
    if (OBJ_obj2nid(obj) == NID_mgf1 && mgf_ptype == V_ASN1_SEQUENCE) {
      mgf_param.reset(static_cast<X509_ALGOR*>(
          ASN1_item_unpack(static_cast<const ASN1_STRING*>(mgf_pval), ASN1_ITEM_rptr(X509_ALGOR))));
    }
    mgf_hash = mgf_param ? digest_name(mgf_param.get()) : std::string();
  }
  const EVP_MD* md = EVP_get_digestbyname(std::string(m.algorithm->digest).c_str());
  long want_salt = md ? EVP_MD_get_size(md) : -1;
  long salt = params->saltLength ? ASN1_INTEGER_get(params->saltLength) : 20;
  long trailer = params->trailerField ? ASN1_INTEGER_get(params->trailerField) : 1;
  if (mgf_hash != m.algorithm->digest)
    m.problem = m.text + " parameters: the mask generation function is not MGF1 with " +
                std::string(m.algorithm->digest);
  else if (salt != want_salt)
    m.problem = m.text + " parameters: salt length is " + std::to_string(salt) + ", not " +
                std::to_string(want_salt);
  else if (trailer != 1)
    m.problem = m.text + " parameters: trailer field is " + std::to_string(trailer) + ", not 1";
  return m;
}

}  // namespace

std::span<const SignatureAlgorithm> signature_algorithms() {
  return kAlgorithms;
}

const SignatureAlgorithm* find_signature_algorithm(std::string_view name) {
  for (const auto& a : kAlgorithms)
    if (a.name == name) return &a;
  return nullptr;
}

AlgorithmMatch identify_signature_algorithm(const X509_ALGOR* alg) {
  AlgorithmMatch m;
  if (!alg) {
    m.text = "(none)";
    m.problem = "the signature algorithm is missing";
    return m;
  }
  const ASN1_OBJECT* obj = nullptr;
  int ptype = 0;
  const void* pval = nullptr;
  X509_ALGOR_get0(&obj, &ptype, &pval, alg);
  if (!obj) {
    m.text = "(none)";
    m.problem = "the signature algorithm is missing";
    return m;
  }
  std::string oid = dotted(obj);
  if (oid == kPssOid) return identify_pss(ptype, pval);
  for (const auto& a : kAlgorithms) {
    if (a.oid != oid) continue;
    m.algorithm = &a;
    m.text = std::string(a.name);
    // RFC 4055 2.1 (PKCS#1 v1.5: NULL) and RFC 5758 3.2 (ECDSA and DSA: absent).
    if (a.family == KeyFamily::rsa && ptype != V_ASN1_NULL)
      m.problem = m.text + " parameters must be NULL";
    else if (a.family != KeyFamily::rsa && ptype != V_ASN1_UNDEF)
      m.problem = m.text + " parameters must be absent";
    return m;
  }
  m.text = describe_unknown(obj);
  return m;
}

std::string_view key_family_name(KeyFamily family) {
  switch (family) {
    case KeyFamily::rsa:
      return "RSA";
    case KeyFamily::ec:
      return "EC";
    case KeyFamily::dsa:
      return "DSA";
    case KeyFamily::other:
      break;
  }
  return "other";
}

}  // namespace kr::x509
