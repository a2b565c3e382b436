// The disclosure-inventory record of a CA certificate: what a CA publishes about every CA
// certificate it issues (CCADB-style disclosure), so none is ever missing from the inventory.
#pragma once

#include <openssl/x509.h>

#include <string>
#include <vector>

namespace kr::x509 {

struct InventoryEntry {
  std::string subject;  // "C = US, O = Amazon, CN = Amazon Root CA 1"
  std::string issuer;
  std::string serial;      // lower-case hex of the serial's magnitude
  std::string not_before;  // "2015-05-26T00:00:00Z"
  std::string not_after;
  std::string certificate_sha256;  // lower-case hex of SHA-256 over the DER certificate
  std::string spki_sha256;  // over the DER SubjectPublicKeyInfo exactly as in the certificate
  std::vector<std::string> ca_issuers;  // authorityInfoAccess caIssuers URIs, in order
  std::vector<std::string> ocsp;        // authorityInfoAccess OCSP URIs, in order
  std::vector<std::string> crl_urls;    // cRLDistributionPoints fullName URIs, in order
};

// Throws kr::Error for a null certificate or one that cannot be encoded; unreadable times read
// "(unreadable time)". Other name forms in AIA and CRL DP (directory names, ...) are not URLs and
// are left out.
InventoryEntry inventory_entry(const X509* cert);

// The URIs of one access method (NID_ad_ca_issuers, NID_ad_OCSP) of authorityInfoAccess, and of
// every cRLDistributionPoints fullName. Empty when the extension is absent or does not decode.
std::vector<std::string> access_urls(const X509* cert, int method_nid);
std::vector<std::string> crl_urls(const X509* cert);

}  // namespace kr::x509
