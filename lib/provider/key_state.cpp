// Token signing through pkcs11-helper, and the check that releases a signature only when it
// verifies against the expected public key.
#include "provider/key_state.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "ossl/der.h"
#include "pkcs11/rv.h"
#include "provider/errors.h"
#include "util/error.h"

namespace kr::provider {
namespace {

using X509SigPtr = ossl::Owned<X509_SIG, X509_SIG_free>;

// OpenSSL's own reasons stay on the error queue; guard() adds ours on top.
[[noreturn]] void fail(const std::string& what) {
  throw ProviderError(Reason::internal, what);
}

// PKCS#1 v1.5 signs DER DigestInfo {algorithm, digest}. The digest is its last field, so the
// encoding of everything before it is fixed per hash: encode once with OpenSSL, keep the prefix.
Bytes digest_info_prefix(Digest digest) {
  X509SigPtr sig(X509_SIG_new());
  X509_ALGOR* alg = nullptr;
  ASN1_OCTET_STRING* value = nullptr;
  if (!sig) fail("X509_SIG_new");
  X509_SIG_getm(sig.get(), &alg, &value);
  // RFC 8017 9.2: the parameters are NULL, not absent (OpenSSL's verifier compares the bytes).
  Bytes zeros(digest_size(digest), 0);
  if (X509_ALGOR_set0(alg, OBJ_nid2obj(EVP_MD_get_type(evp_md(digest))), V_ASN1_NULL, nullptr) !=
          1 ||
      ASN1_OCTET_STRING_set(value, zeros.data(), static_cast<int>(zeros.size())) != 1)
    fail("building a DigestInfo");
  int len = i2d_X509_SIG(sig.get(), nullptr);
  if (len <= static_cast<int>(zeros.size())) fail("encoding a DigestInfo");
  Bytes prefix(static_cast<std::size_t>(len));
  unsigned char* p = prefix.data();
  if (i2d_X509_SIG(sig.get(), &p) != len) fail("encoding a DigestInfo");
  prefix.resize(prefix.size() - zeros.size());
  return prefix;
}

// CKM_ECDSA returns r || s, each as wide as the group order; X.509 wants DER ECDSA-Sig-Value.
// A failure stays a provider error (Reason::internal), as every failure inside signing is.
Bytes ecdsa_der(ByteView raw) {
  try {
    return ossl::ecdsa_raw_to_der(raw);
  } catch (const Error& e) {
    fail(e.what());
  }
}

}  // namespace

struct HsmKeyState::Prepared {
  Scheme scheme;
  Bytes algorithm_id;
  Bytes digest_info_prefix;  // PKCS#1 v1.5 only
  CK_RSA_PKCS_PSS_PARAMS pss{};
  CK_MECHANISM mechanism{};
  std::mutex verifier_mutex;  // an EVP_PKEY_CTX is not safe for concurrent use
  ossl::EvpPkeyCtxPtr verifier;
};

HsmKeyState::HsmKeyState(HelperLease lease, HelperToken& token, Bytes cka_id, std::string label,
                         ossl::EvpPkeyPtr public_key, Secret pin)
    : lease_(std::move(lease)),
      token_(&token),
      cka_id_(std::move(cka_id)),
      label_(std::move(label)),
      public_key_(std::move(public_key)),
      pin_(std::move(pin)) {
  if (!public_key_) throw Error("an HSM key needs its expected public key");
  if (EVP_PKEY_is_a(public_key_.get(), "RSA")) {
    type_ = KeyType::rsa;
    raw_signature_size_ = static_cast<std::size_t>(EVP_PKEY_get_size(public_key_.get()));
  } else if (EVP_PKEY_is_a(public_key_.get(), "EC")) {
    type_ = KeyType::ec;
    raw_signature_size_ =
        2 * ((static_cast<std::size_t>(EVP_PKEY_get_bits(public_key_.get())) + 7) / 8);
  } else {
    throw Error("the expected public key is neither RSA nor EC");
  }
  if (raw_signature_size_ == 0 || raw_signature_size_ > 512)
    throw Error("keyrite signs with RSA up to 4096 bits and EC up to P-521");
  max_signature_size_ = static_cast<std::size_t>(EVP_PKEY_get_size(public_key_.get()));
  name_ = "key " + (label_.empty() ? std::string() : "\"" + label_ + "\" ") + "(CKA_ID " +
          to_hex(cka_id_) + ") on token \"" + token.info.label + "\"";
  pin_source_.token = token_;
  pin_source_.pin = &pin_;
  certificate_ = open_key(*token_, cka_id_, &pin_source_);
}

HsmKeyState::~HsmKeyState() = default;

HsmKeyState::Prepared& HsmKeyState::prepared(const Scheme& scheme) {
  if (scheme.key != type_)
    throw ProviderError(Reason::unsupported,
                        name_ + " cannot sign with a scheme for another key type");
  std::lock_guard lock(prepared_mutex_);
  auto& slot = prepared_[scheme.index()];
  if (slot) return *slot;

  auto p = std::make_unique<Prepared>();
  p->scheme = scheme;
  const EVP_MD* md = evp_md(scheme.digest);
  // The verifier is the default provider on the expected public key, configured exactly as a
  // software signer would be; its AlgorithmIdentifier is therefore the one OpenSSL would write.
  p->verifier.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, public_key_.get(), nullptr));
  bool ok = p->verifier && EVP_PKEY_verify_init(p->verifier.get()) == 1;
  if (ok && type_ == KeyType::rsa)
    ok = EVP_PKEY_CTX_set_rsa_padding(p->verifier.get(), scheme.padding == Padding::pss
                                                             ? RSA_PKCS1_PSS_PADDING
                                                             : RSA_PKCS1_PADDING) == 1;
  ok = ok && EVP_PKEY_CTX_set_signature_md(p->verifier.get(), md) == 1;
  if (ok && scheme.padding == Padding::pss)
    ok = EVP_PKEY_CTX_set_rsa_mgf1_md(p->verifier.get(), md) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(p->verifier.get(), RSA_PSS_SALTLEN_DIGEST) == 1;
  unsigned char aid[256];
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_SIGNATURE_PARAM_ALGORITHM_ID, aid, sizeof aid),
      OSSL_PARAM_construct_end()};
  ok = ok && EVP_PKEY_CTX_get_params(p->verifier.get(), params) == 1 && params[0].return_size > 0;
  if (!ok) fail("preparing the verifier for " + name_);
  p->algorithm_id.assign(aid, aid + params[0].return_size);

  switch (scheme.padding) {
    case Padding::none:
      p->mechanism = {CKM_ECDSA, nullptr, 0};
      break;
    case Padding::pkcs1:
      p->digest_info_prefix = digest_info_prefix(scheme.digest);
      p->mechanism = {CKM_RSA_PKCS, nullptr, 0};
      break;
    case Padding::pss:
      p->pss = {ckm_hash(scheme.digest), ckg_mgf1(scheme.digest), digest_size(scheme.digest)};
      p->mechanism = {CKM_RSA_PKCS_PSS, &p->pss, sizeof p->pss};
      break;
  }
  slot = std::move(p);
  return *slot;
}

const Bytes& HsmKeyState::algorithm_id(const Scheme& scheme) {
  return prepared(scheme).algorithm_id;
}

Bytes HsmKeyState::token_sign(const Prepared& p, ByteView digest) {
  Bytes input;
  if (p.scheme.padding == Padding::pkcs1) {
    input.reserve(p.digest_info_prefix.size() + digest.size());
    input.assign(p.digest_info_prefix.begin(), p.digest_info_prefix.end());
    input.insert(input.end(), digest.begin(), digest.end());
    digest = input;
  }
  // Stack buffer: RSA-4096 gives 512 bytes, P-521 gives 132; the size was checked at load.
  std::array<unsigned char, 512> raw;
  std::size_t size = raw_signature_size_;
  // pkcs11-helper asks callers to hold its session lock even around one-part operations.
  CK_RV rv = pkcs11h_certificate_lockSession(certificate_.get());
  if (rv == CKR_OK) {
    rv = pkcs11h_certificate_signAny_ex(certificate_.get(), &p.mechanism, digest.data(),
                                        digest.size(), raw.data(), &size);
    pkcs11h_certificate_releaseSession(certificate_.get());
  }
  if (rv !=
      CKR_OK)  // pkcs11-helper does not say which of its calls failed; these are the candidates
    throw ProviderError(Reason::token_sign_failed,
                        name_ +
                            " did not sign: C_SignInit or C_Sign (through pkcs11-helper) failed: " +
                            pkcs11::rv_name(rv));
  if (size != raw_signature_size_)
    throw ProviderError(Reason::token_sign_failed, name_ + " returned a " + std::to_string(size) +
                                                       "-byte signature, expected " +
                                                       std::to_string(raw_signature_size_));
  if (type_ == KeyType::ec) return ecdsa_der({raw.data(), size});
  return Bytes(raw.begin(), raw.begin() + size);
}

std::size_t HsmKeyState::sign_digest(const Scheme& scheme, ByteView digest, unsigned char* out,
                                     std::size_t out_size) {
  if (digest.size() != digest_size(scheme.digest))
    throw ProviderError(Reason::bad_argument, "a " + std::to_string(digest.size()) +
                                                  "-byte input is not a " +
                                                  digest_name(scheme.digest) + " digest");
  Prepared& p = prepared(scheme);
  Bytes signature = token_sign(p, digest);
  // pkcs11-helper found the private key by CKA_ID alone: only this check ties the signature to
  // the key the caller meant. A signature that fails it is never handed out.
  if (!verify_digest(scheme, digest, signature))
    throw ProviderError(Reason::signature_mismatch,
                        name_ +
                            ": the token's signature does not verify against the expected "
                            "public key (SPKI SHA-256 " +
                            ossl::spki_sha256_hex(public_key_.get()) +
                            "); the signature was discarded");
  if (signature.size() > out_size)
    throw ProviderError(Reason::bad_argument, "signature buffer too small");
  std::copy(signature.begin(), signature.end(), out);
  return signature.size();
}

bool HsmKeyState::verify_digest(const Scheme& scheme, ByteView digest, ByteView signature) {
  Prepared& p = prepared(scheme);
  std::lock_guard lock(p.verifier_mutex);
  ERR_set_mark();
  int ok = EVP_PKEY_verify(p.verifier.get(), signature.data(), signature.size(), digest.data(),
                           digest.size());
  // A bad signature is a result here, not an error: callers report it in their own words.
  ERR_pop_to_mark();
  return ok == 1;
}

}  // namespace kr::provider
