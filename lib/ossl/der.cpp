// DER/PEM helpers over OpenSSL's i2d/d2i and PEM functions.
#include "ossl/der.h"

#include <openssl/pem.h>

#include "ossl/digest.h"
#include "ossl/error.h"
#include "ossl/pem_or_der.h"
#include "util/error.h"

namespace kr::ossl {
namespace {

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

Bytes spki_der(const EVP_PKEY* key) {
  return to_der(key, i2d_PUBKEY, "public key");
}
Bytes spki_der(const X509* cert) {
  return to_der(X509_get_X509_PUBKEY(cert), i2d_X509_PUBKEY, "the SubjectPublicKeyInfo");
}
Bytes cert_der(const X509* cert) {
  return to_der(cert, i2d_X509, "certificate");
}
Bytes name_der(const X509_NAME* name) {
  return to_der(name, i2d_X509_NAME, "name");
}

std::string cert_pem(const X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509(bio.get(), cert), "PEM encoding of certificate");
  return bio_text(bio.get());
}

std::string public_key_pem(const EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_PUBKEY(bio.get(), key), "PEM encoding of public key");
  return bio_text(bio.get());
}

Bytes ecdsa_raw_to_der(ByteView raw) {
  if (raw.empty() || raw.size() % 2 != 0)
    throw Error("the token returned an ECDSA signature of odd length");
  const int half = static_cast<int>(raw.size() / 2);
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BignumPtr r(BN_bin2bn(raw.data(), half, nullptr)), s(BN_bin2bn(raw.data() + half, half, nullptr));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
    throw_error("converting the token's ECDSA signature");
  (void)r.release();  // ECDSA_SIG_set0 took them
  (void)s.release();
  return to_der(sig.get(), i2d_ECDSA_SIG, "the token's ECDSA signature");
}

std::string spki_sha256_hex(const EVP_PKEY* key) {
  return sha256_hex(spki_der(key));
}

X509Ptr read_certificate(ByteView data, const std::string& what) {
  return read_pem_or_der<X509Ptr>(data, what, "certificate", PEM_read_bio_X509, d2i_X509);
}

EvpPkeyPtr read_public_key(ByteView data, const std::string& what) {
  return read_pem_or_der<EvpPkeyPtr>(data, what, "public key", PEM_read_bio_PUBKEY, d2i_PUBKEY);
}

}  // namespace kr::ossl
