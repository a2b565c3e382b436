// Certificates no OpenSSL setter will make (unique ids, two different signature algorithms), made
// by re-arranging the DER elements of a real certificate with OpenSSL's generic SEQUENCE codec.
// Only the 4-octet issuerUniqueID is written by hand: no API produces one.
#pragma once

#include <openssl/asn1.h>
#include <openssl/x509.h>

#include <memory>

#include "ossl/der.h"
#include "ossl/types.h"

namespace kr::test {

using SequencePtr = std::unique_ptr<ASN1_SEQUENCE_ANY, void (*)(ASN1_SEQUENCE_ANY*)>;

inline SequencePtr decode_sequence(const unsigned char* data, long len) {
  return SequencePtr(d2i_ASN1_SEQUENCE_ANY(nullptr, &data, len),
                     [](ASN1_SEQUENCE_ANY* s) { sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free); });
}

inline Bytes encode_sequence(const ASN1_SEQUENCE_ANY* seq) {
  unsigned char* out = nullptr;
  int len = i2d_ASN1_SEQUENCE_ANY(seq, &out);
  Bytes bytes(out, out + (len > 0 ? len : 0));
  OPENSSL_free(out);
  return bytes;
}

// An ANY holding an element's complete encoding (tag, length, contents).
inline ASN1_TYPE* raw_element(int type, ByteView encoding) {
  ASN1_STRING* s = ASN1_STRING_type_new(type == V_ASN1_SEQUENCE ? V_ASN1_SEQUENCE : V_ASN1_OTHER);
  ASN1_STRING_set(s, encoding.data(), static_cast<int>(encoding.size()));
  ASN1_TYPE* t = ASN1_TYPE_new();
  ASN1_TYPE_set(t, type, s);
  return t;
}

inline ByteView element_bytes(const ASN1_TYPE* t) {
  const ASN1_STRING* s = t->value.asn1_string;
  return {ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s))};
}

// sk_set returns the new element, not the old one; the old one is freed here.
inline void replace_element(ASN1_SEQUENCE_ANY* seq, int index, ASN1_TYPE* element) {
  ASN1_TYPE* old = sk_ASN1_TYPE_value(seq, index);
  sk_ASN1_TYPE_set(seq, index, element);
  ASN1_TYPE_free(old);
}

// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
inline ossl::X509Ptr rebuild(const SequencePtr& outer) {
  Bytes der = encode_sequence(outer.get());
  const unsigned char* p = der.data();
  return ossl::X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

// Adds issuerUniqueID [1] IMPLICIT BIT STRING (0 unused bits, one octet 0xAA) after the SPKI.
inline ossl::X509Ptr with_issuer_unique_id(const X509* cert) {
  Bytes der = ossl::cert_der(cert);
  auto outer = decode_sequence(der.data(), static_cast<long>(der.size()));
  ByteView tbs_der = element_bytes(sk_ASN1_TYPE_value(outer.get(), 0));
  auto tbs = decode_sequence(tbs_der.data(), static_cast<long>(tbs_der.size()));
  const unsigned char uid[] = {0x81, 0x02, 0x00, 0xAA};
  sk_ASN1_TYPE_insert(tbs.get(), raw_element(V_ASN1_OTHER, uid), 7);  // after subjectPublicKeyInfo
  Bytes new_tbs = encode_sequence(tbs.get());
  replace_element(outer.get(), 0, raw_element(V_ASN1_SEQUENCE, new_tbs));
  return rebuild(outer);
}

// Replaces the outer signatureAlgorithm with the donor's, leaving the TBSCertificate's copy.
inline ossl::X509Ptr with_outer_algorithm_of(const X509* cert, const X509* donor) {
  Bytes der = ossl::cert_der(cert), donor_der = ossl::cert_der(donor);
  auto outer = decode_sequence(der.data(), static_cast<long>(der.size()));
  auto donor_outer = decode_sequence(donor_der.data(), static_cast<long>(donor_der.size()));
  ASN1_TYPE* alg = sk_ASN1_TYPE_value(donor_outer.get(), 1);
  replace_element(outer.get(), 1, raw_element(V_ASN1_SEQUENCE, element_bytes(alg)));
  return rebuild(outer);
}

}  // namespace kr::test
