// CRL encodings through OpenSSL's PEM and DER codecs.
#include "x509/crl_io.h"

#include <openssl/pem.h>

#include <string_view>

#include "ossl/der.h"
#include "ossl/error.h"
#include "ossl/pem_or_der.h"

namespace kr::x509 {

ossl::X509CrlPtr read_crl(ByteView data, const std::string& what) {
  return ossl::read_pem_or_der<ossl::X509CrlPtr>(data, what, "CRL", PEM_read_bio_X509_CRL,
                                                 d2i_X509_CRL);
}

Bytes crl_der(const X509_CRL* crl) {
  return ossl::to_der(crl, i2d_X509_CRL, "CRL");
}

std::string crl_pem(const X509_CRL* crl) {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509_CRL(bio.get(), crl) != 1) ossl::throw_error("PEM encoding of CRL");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace kr::x509
