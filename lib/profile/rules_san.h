// subjectAltName rules, shared by the request check (names from the script) and the lint (names
// read from a certificate): name syntax, the name types the profile permits, the minimum count,
// EV's no-wildcard rule, the code-signing permanentIdentifier, and the subject rules that depend
// on it (a CN among the names) or go with it (a subject that is not empty).
#pragma once

#include <string>
#include <vector>

#include "profile/profile.h"
#include "profile/rules.h"
#include "x509/extension_spec.h"
#include "x509/name.h"

namespace kr::profile {

struct SanContent {
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;  // text
  std::vector<std::string> emails;
  std::vector<std::string> permanent_identifiers;
  std::vector<std::string> other_types;  // lint only: "uniformResourceIdentifier", ...
  std::size_t count() const;
};

// e_san_dns_invalid, e_san_dns_wildcard, e_san_ip_invalid, e_san_email_invalid,
// e_san_type_not_allowed, e_san_too_few_names, e_san_permanent_id_missing. Fields are
// "extensions.<setting>" of the names concerned.
std::vector<Problem> check_san(const Profile& p, const x509::SubjectAltName& rule,
                               const SanContent& san);

// e_subject_empty (field "subject"; for profiles that require no particular attribute) and
// e_cn_not_in_san (field "subject.CN").
std::vector<Problem> check_subject_with_san(const Profile& p,
                                            const x509::DistinguishedName& subject,
                                            const SanContent& san);

}  // namespace kr::profile
