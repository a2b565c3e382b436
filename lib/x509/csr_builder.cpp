// Assembling and checking a CertificationRequest with OpenSSL's X509_REQ functions.
#include "x509/csr_builder.h"

#include <openssl/pem.h>

#include <string_view>

#include "ossl/der.h"
#include "ossl/error.h"
#include "ossl/pem_or_der.h"
#include "util/error.h"

namespace kr::x509 {

ossl::X509ReqPtr build_csr(const CsrTemplate& t) {
  if (!t.public_key) throw Error("the certificate request has no public key");
  if (t.subject.empty()) throw Error("the certificate request has an empty subject");
  ossl::X509ReqPtr req(X509_REQ_new());
  if (!req) ossl::throw_error("X509_REQ_new");
  ossl::check(X509_REQ_set_version(req.get(), X509_REQ_VERSION_1), "X509_REQ_set_version");
  auto subject = build_name(t.subject);
  ossl::check(X509_REQ_set_subject_name(req.get(), subject.get()), "X509_REQ_set_subject_name");
  // X509_REQ_set_pubkey only reads the key (it encodes the SPKI); the API predates const.
  ossl::check(X509_REQ_set_pubkey(req.get(), const_cast<EVP_PKEY*>(t.public_key)),
              "X509_REQ_set_pubkey");
  return req;
}

Bytes csr_tbs_der(const X509_REQ* csr) {
  X509_REQ* r = const_cast<X509_REQ*>(csr);  // re-encodes; the content is unchanged
  int len = i2d_re_X509_REQ_tbs(r, nullptr);
  if (len <= 0) ossl::throw_error("encoding the CertificationRequestInfo");
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d_re_X509_REQ_tbs(r, &p) != len) ossl::throw_error("encoding the CertificationRequestInfo");
  return out;
}

bool csr_signature_valid(const X509_REQ* csr) {
  if (!csr) return false;
  X509_REQ* r = const_cast<X509_REQ*>(csr);  // X509_REQ_get0_pubkey caches the decoded key
  EVP_PKEY* key = X509_REQ_get0_pubkey(r);
  bool ok = key && X509_REQ_verify(r, key) == 1;
  ossl::drain_errors();
  return ok;
}

ossl::X509ReqPtr read_csr(ByteView data, const std::string& what) {
  return ossl::read_pem_or_der<ossl::X509ReqPtr>(data, what, "certificate request",
                                                 PEM_read_bio_X509_REQ, d2i_X509_REQ);
}

Bytes csr_der(const X509_REQ* csr) {
  return ossl::to_der(csr, i2d_X509_REQ, "certificate request");
}

std::string csr_pem(const X509_REQ* csr) {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509_REQ(bio.get(), csr) != 1)
    ossl::throw_error("PEM encoding of certificate request");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace kr::x509
