// Extensions are encoded by OpenSSL (X509_add1_ext_i2d on its own structures); this file only
// fills those structures from the profile's plain-data specs.
#include "x509/extensions.h"

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <memory>

#include "ossl/der.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "util/error.h"
#include "x509/extension_encoders.h"
#include "x509/overload.h"

namespace kr::x509 {
namespace {

using BasicConstraintsPtr =
    std::unique_ptr<BASIC_CONSTRAINTS, ossl::Deleter<BASIC_CONSTRAINTS_free>>;
using BitStringPtr = std::unique_ptr<ASN1_BIT_STRING, ossl::Deleter<ASN1_BIT_STRING_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, ossl::Deleter<AUTHORITY_KEYID_free>>;

Bytes sha1(const unsigned char* data, std::size_t len) {
  Bytes out(20);
  unsigned int n = 0;
  ossl::check(EVP_Digest(data, len, out.data(), &n, EVP_sha1(), nullptr), "SHA-1");
  return out;
}

// RFC 7093 section 2: the leftmost 160 bits of the hash.
Bytes truncated(const unsigned char* data, std::size_t len, KeyIdMethod method) {
  const EVP_MD* md = method == KeyIdMethod::rfc7093_method_1   ? EVP_sha256()
                     : method == KeyIdMethod::rfc7093_method_2 ? EVP_sha384()
                     : method == KeyIdMethod::rfc7093_method_3 ? EVP_sha512()
                                                               : EVP_sha1();
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int n = 0;
  ossl::check(EVP_Digest(data, len, out.data(), &n, md, nullptr), "key identifier digest");
  out.resize(20);
  return out;
}

ossl::Asn1OctetStringPtr octets(ByteView bytes) {
  ossl::Asn1OctetStringPtr s(ASN1_OCTET_STRING_new());
  if (!s || ASN1_OCTET_STRING_set(s.get(), bytes.data(), static_cast<int>(bytes.size())) != 1)
    ossl::throw_error("ASN1_OCTET_STRING_set");
  return s;
}

void add(X509* cert, int nid, void* value, bool critical, std::string_view name) {
  // X509V3_ADD_DEFAULT refuses a second copy of an extension already present.
  if (X509_add1_ext_i2d(cert, nid, value, critical ? 1 : 0, X509V3_ADD_DEFAULT) != 1)
    ossl::throw_error("adding " + std::string(name));
}

// X509_add_ext would silently add a second copy; keep the builder's one-of-each promise.
void append(X509* cert, ossl::X509ExtensionPtr ext) {
  const ASN1_OBJECT* obj = X509_EXTENSION_get_object(ext.get());
  if (X509_get_ext_by_OBJ(cert, obj, -1) >= 0)
    throw Error(std::string(extension_name(OBJ_obj2nid(obj))) + " is listed twice");
  if (X509_add_ext(cert, ext.get(), -1) != 1) ossl::throw_error("X509_add_ext");
}

}  // namespace

Bytes key_identifier_sha1(const X509* cert) {
  const ASN1_BIT_STRING* bits = cert ? X509_get0_pubkey_bitstr(cert) : nullptr;
  if (!bits) return {};
  return sha1(ASN1_STRING_get0_data(bits), static_cast<std::size_t>(ASN1_STRING_length(bits)));
}

Bytes key_identifier_sha1(const EVP_PKEY* key) {
  Bytes spki = ossl::spki_der(key);
  const unsigned char* p = spki.data();
  std::unique_ptr<X509_PUBKEY, ossl::Deleter<X509_PUBKEY_free>> pub(
      d2i_X509_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  const unsigned char* pk = nullptr;
  int pk_len = 0;
  if (!pub || X509_PUBKEY_get0_param(nullptr, &pk, &pk_len, nullptr, pub.get()) != 1)
    ossl::throw_error("reading the subjectPublicKey");
  return sha1(pk, static_cast<std::size_t>(pk_len));
}

Bytes key_identifier(const X509* cert, KeyIdMethod method) {
  const ASN1_BIT_STRING* bits = cert ? X509_get0_pubkey_bitstr(cert) : nullptr;
  if (!bits) return {};
  return truncated(ASN1_STRING_get0_data(bits), static_cast<std::size_t>(ASN1_STRING_length(bits)),
                   method);
}

Bytes key_identifier(const EVP_PKEY* key, KeyIdMethod method) {
  Bytes spki = ossl::spki_der(key);
  const unsigned char* p = spki.data();
  std::unique_ptr<X509_PUBKEY, ossl::Deleter<X509_PUBKEY_free>> pub(
      d2i_X509_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  const unsigned char* pk = nullptr;
  int pk_len = 0;
  if (!pub || X509_PUBKEY_get0_param(nullptr, &pk, &pk_len, nullptr, pub.get()) != 1)
    ossl::throw_error("reading the subjectPublicKey");
  return truncated(pk, static_cast<std::size_t>(pk_len), method);
}

void add_extensions(X509* cert, std::span<const ExtensionSpec> specs, ByteView issuer_key_id,
                    ByteView subject_key_id) {
  for (const auto& spec : specs) {
    int nid = extension_nid(spec.value);
    std::string_view name = extension_name(spec.value);
    std::visit(
        Overload{
            [&](const BasicConstraints& bc) {
              BasicConstraintsPtr v(BASIC_CONSTRAINTS_new());
              if (!v) ossl::throw_error("BASIC_CONSTRAINTS_new");
              v->ca = bc.ca ? 0xFF : 0;
              if (bc.path_len) {
                v->pathlen = ASN1_INTEGER_new();
                if (!v->pathlen || ASN1_INTEGER_set(v->pathlen, *bc.path_len) != 1)
                  ossl::throw_error("pathLenConstraint");
              }
              add(cert, nid, v.get(), spec.critical, name);
            },
            [&](const KeyUsage& ku) {
              BitStringPtr v(ASN1_BIT_STRING_new());
              if (!v) ossl::throw_error("ASN1_BIT_STRING_new");
              for (KeyUsageBit bit : ku.bits)
                ossl::check(ASN1_BIT_STRING_set_bit(v.get(), static_cast<int>(bit), 1),
                            "keyUsage bit");
              add(cert, nid, v.get(), spec.critical, name);
            },
            [&](const SubjectKeyIdentifier& ski) {
              Bytes id = subject_key_id.empty()
                             ? key_identifier(cert, ski.method)
                             : Bytes(subject_key_id.begin(), subject_key_id.end());
              if (id.empty())
                throw Error("subjectKeyIdentifier: the certificate has no public key");
              auto v = octets(id);
              add(cert, nid, v.get(), spec.critical, name);
            },
            [&](const AuthorityKeyIdentifier&) {
              if (issuer_key_id.empty())
                throw Error("authorityKeyIdentifier: the issuer has no subjectKeyIdentifier");
              AuthorityKeyIdPtr v(AUTHORITY_KEYID_new());
              if (!v) ossl::throw_error("AUTHORITY_KEYID_new");
              v->keyid = octets(issuer_key_id).release();
              add(cert, nid, v.get(), spec.critical, name);
            },
            [&](const CertificatePolicies& v) {
              // Optional and empty: nothing to write (BRs 7.1.2.3.2: certificatePolicies MAY).
              if (spec.optional && v.policies.empty()) return;
              append(cert, detail::certificate_policies(v, spec.critical));
            },
            [&](const AuthorityInfoAccess& v) {
              // An optional authorityInfoAccess without URLs is left out (a BR root has none).
              if (spec.optional && v.ca_issuers.empty() && v.ocsp.empty()) return;
              append(cert, detail::authority_info_access(v, spec.critical));
            },
            [&](const CrlDistributionPoints& v) {
              if (spec.optional && v.uris.empty()) return;
              append(cert, detail::crl_distribution_points(v, spec.critical));
            },
            [&](const ExtendedKeyUsage& v) {
              // An optional extendedKeyUsage without purposes is written only when a script
              // gives them (a cross-certificate, BRs 7.1.2.2.3).
              if (spec.optional && v.purposes.empty()) return;
              append(cert, detail::extended_key_usage(v, spec.critical));
            },
            [&](const OcspNoCheck&) { append(cert, detail::ocsp_no_check(spec.critical)); },
            [&](const SubjectAltName& v) {
              auto ext = detail::subject_alt_name(v, spec.critical);
              if (ext)
                append(cert, std::move(ext));
              else if (!spec.optional)
                throw Error("subjectAltName: the certificate has no name to put in it");
            },
            [&](const NameConstraints& v) {
              // Optional and without subtrees: not written (BRs 7.1.2.3: nameConstraints MAY).
              if (spec.optional && v.permitted.empty() && v.excluded.empty()) return;
              append(cert, detail::name_constraints(v, spec.critical));
            },
        },
        spec.value);
  }
}

}  // namespace kr::x509
