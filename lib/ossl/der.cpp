// DER/PEM helpers over OpenSSL's i2d/d2i and PEM functions.
#include "ossl/der.h"

#include <openssl/pem.h>

#include "ossl/digest.h"
#include "ossl/error.h"

namespace kr::ossl {
namespace {

template <class T, class F>
Bytes to_der(const T* obj, F i2d, const char* what) {
  int len = i2d(obj, nullptr);
  if (len <= 0) throw_error(std::string("DER encoding of ") + what);
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d(obj, &p) != len) throw_error(std::string("DER encoding of ") + what);
  return out;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

bool looks_like_pem(ByteView data) {
  std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  return text.find("-----BEGIN ") != std::string_view::npos;
}

// PEM when the data has a PEM header, else DER that must use every byte.
template <class Ptr, class PemReader, class D2i>
Ptr parse_pem_or_der(ByteView data, const std::string& what, const char* kind, PemReader pem,
                     D2i d2i) {
  Ptr out;
  if (looks_like_pem(data)) {
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    out.reset(pem(bio.get(), nullptr, nullptr, nullptr));
  } else {
    const unsigned char* p = data.data();
    out.reset(d2i(nullptr, &p, static_cast<long>(data.size())));
    if (out && p != data.data() + data.size()) out.reset();
  }
  if (!out) throw_error(what + ": not a PEM or DER " + kind);
  return out;
}

}  // namespace

Bytes spki_der(const EVP_PKEY* key) { return to_der(key, i2d_PUBKEY, "public key"); }
Bytes cert_der(const X509* cert) { return to_der(cert, i2d_X509, "certificate"); }
Bytes name_der(const X509_NAME* name) { return to_der(name, i2d_X509_NAME, "name"); }

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

std::string spki_sha256_hex(const EVP_PKEY* key) { return sha256_hex(spki_der(key)); }

X509Ptr read_certificate(ByteView data, const std::string& what) {
  return parse_pem_or_der<X509Ptr>(data, what, "certificate", PEM_read_bio_X509, d2i_X509);
}

EvpPkeyPtr read_public_key(ByteView data, const std::string& what) {
  return parse_pem_or_der<EvpPkeyPtr>(data, what, "public key", PEM_read_bio_PUBKEY, d2i_PUBKEY);
}

}  // namespace kr::ossl
