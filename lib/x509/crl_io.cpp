// CRL encodings through OpenSSL's PEM and DER codecs.
#include "x509/crl_io.h"

#include <openssl/pem.h>

#include <string_view>

#include "ossl/error.h"

namespace kr::x509 {

ossl::X509CrlPtr read_crl(ByteView data, const std::string& what) {
  ossl::X509CrlPtr out;
  std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  if (text.find("-----BEGIN ") != std::string_view::npos) {
    ossl::BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    if (bio) out.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
  } else {
    const unsigned char* p = data.data();
    out.reset(d2i_X509_CRL(nullptr, &p, static_cast<long>(data.size())));
    if (out && p != data.data() + data.size()) out.reset();
  }
  if (!out) ossl::throw_error(what + ": not a PEM or DER CRL");
  return out;
}

Bytes crl_der(const X509_CRL* crl) {
  int len = i2d_X509_CRL(crl, nullptr);
  if (len <= 0) ossl::throw_error("DER encoding of CRL");
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d_X509_CRL(crl, &p) != len) ossl::throw_error("DER encoding of CRL");
  return out;
}

std::string crl_pem(const X509_CRL* crl) {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509_CRL(bio.get(), crl) != 1) ossl::throw_error("PEM encoding of CRL");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace kr::x509
