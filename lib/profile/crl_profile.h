// CRL profiles: CPS 7.2 as data, loaded strictly from templates/profiles/<name>.yaml (the same
// reader and error style as certificate profiles; templates/profiles/README.md has the table).
//
//   keyrite-profile: 1
//   name: crl                         must equal the file name without ".yaml"
//   kind: crl
//   description: text
//   interval:
//     max: {months: 12}               next-update may be at most this-update + this (calendar
//                                     arithmetic as for certificate validity; equality allowed)
//   reasons: [keyCompromise, ...]     RFC 5280 CRLReason names an entry may carry; "unspecified"
//                                     is never written (RFC 5280 5.3.1: absent instead) and may not
//                                     be listed; certificateHold and removeFromCRL are refused
//                                     (CPS 4.9.13: no suspension; no delta CRLs)
//   signature-algorithms: [...]       CPS Appendix A names; MD2/MD4/MD5/SHA-1 refused
//
// Fixed by CPS 7.2 / RFC 5280 5 and therefore not configurable: version 2, a CRL number
// (non-critical, positive, at most 20 octets), authorityKeyIdentifier (non-critical, keyIdentifier
// equal to the issuer's subjectKeyIdentifier), nextUpdate present, entries sorted by serial
// without duplicates, entry extensions reasonCode and invalidityDate only, non-critical.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "profile/profile.h"
#include "x509/crl_reason.h"

namespace kr::profile {

struct CrlProfile {
  std::string name;
  std::string description;
  std::filesystem::path source;  // the file it was loaded from
  Period max_interval;           // nextUpdate - thisUpdate
  std::vector<x509::CrlReason> reasons;
  std::vector<std::string> signature_algorithms;
};

// Loads profiles_dir/<name>.yaml, which must have kind: crl. Throws kr::Error
// "<file>:<line>:<column>: <path>: <message>" for any problem.
CrlProfile load_crl_profile(const std::filesystem::path& profiles_dir, const std::string& name);

}  // namespace kr::profile
