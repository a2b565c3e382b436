// Inventory entries: hashes are taken over the bytes as they are in the certificate (the SPKI is
// not re-encoded from a parsed key), so an entry matches what anyone else computes from the file.
#include "x509/inventory.h"

#include <openssl/x509v3.h>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "util/error.h"
#include "util/time.h"
#include "x509/asn1_time.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::x509 {
namespace {

std::string uri_text(const GENERAL_NAME* name) {
  int type = 0;
  const void* value = GENERAL_NAME_get0_value(name, &type);
  if (type != GEN_URI || !value) return {};
  auto* s = static_cast<const ASN1_IA5STRING*>(value);
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

}  // namespace

std::vector<std::string> access_urls(const X509* cert, int method_nid) {
  std::vector<std::string> out;
  ossl::Owned<AUTHORITY_INFO_ACCESS, AUTHORITY_INFO_ACCESS_free> aia(
      static_cast<AUTHORITY_INFO_ACCESS*>(
          X509_get_ext_d2i(cert, NID_info_access, nullptr, nullptr)));
  for (int i = 0; aia && i < sk_ACCESS_DESCRIPTION_num(aia.get()); ++i) {
    const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia.get(), i);
    if (OBJ_obj2nid(ad->method) != method_nid) continue;
    if (auto uri = uri_text(ad->location); !uri.empty()) out.push_back(uri);
  }
  ossl::drain_errors();
  return out;
}

std::vector<std::string> crl_urls(const X509* cert) {
  std::vector<std::string> out;
  ossl::Owned<CRL_DIST_POINTS, CRL_DIST_POINTS_free> points(static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr)));
  for (int i = 0; points && i < sk_DIST_POINT_num(points.get()); ++i) {
    const DIST_POINT* dp = sk_DIST_POINT_value(points.get(), i);
    if (!dp->distpoint || dp->distpoint->type != 0) continue;
    const GENERAL_NAMES* names = dp->distpoint->name.fullname;
    for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j)
      if (auto uri = uri_text(sk_GENERAL_NAME_value(names, j)); !uri.empty()) out.push_back(uri);
  }
  ossl::drain_errors();
  return out;
}

InventoryEntry inventory_entry(const X509* cert) {
  if (!cert) throw Error("inventory entry: there is no certificate");
  InventoryEntry e;
  e.subject = name_text(X509_get_subject_name(cert));
  e.issuer = name_text(X509_get_issuer_name(cert));
  e.serial = serial_hex(X509_get0_serialNumber(cert));
  e.not_before = asn1_time_text(X509_get0_notBefore(cert));
  e.not_after = asn1_time_text(X509_get0_notAfter(cert));
  e.certificate_sha256 = ossl::sha256_hex(ossl::cert_der(cert));
  e.spki_sha256 = ossl::sha256_hex(ossl::spki_der(cert));
  e.ca_issuers = access_urls(cert, NID_ad_ca_issuers);
  e.ocsp = access_urls(cert, NID_ad_OCSP);
  e.crl_urls = crl_urls(cert);
  return e;
}

}  // namespace kr::x509
