// The profile rules that apply both before a certificate exists (the request check) and after
// (the lint), written once so the two always agree and give the same messages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "profile/profile.h"
#include "util/time.h"
#include "x509/algorithms.h"
#include "x509/extension_spec.h"
#include "x509/key_info.h"
#include "x509/name.h"

namespace kr::profile {

// One broken rule: the stable lint id, the request field it belongs to, and the message.
struct Problem {
  std::string id;
  std::string field;
  std::string message;
};

// e_validity_not_after_before_not_before, e_validity_exceeds_profile (field validity.not-after).
std::optional<Problem> check_validity(const Profile& p, UtcTime not_before, UtcTime not_after);

// Attribute presence, repetition, allowed types, values (field "subject" or "subject.<type>").
std::vector<Problem> check_subject(const Profile& p, const x509::DistinguishedName& subject);

// The matching key spec, or nullptr.
const KeySpec* find_key_spec(const Profile& p, const x509::KeyInfo& key);
// e_key_too_weak / e_key_not_in_profile (field "key").
std::optional<Problem> check_key(const Profile& p, const x509::KeyInfo& key);

// e_sig_alg_forbidden / e_sig_alg_not_in_profile / e_sig_alg_key_mismatch (field
// "signature-algorithm"). `signer` is the key that makes the signature (the subject's own key for a
// self-signed certificate); nullptr when it is not known, which skips the key match. `text` names
// the algorithm when it is not in Appendix A.
std::optional<Problem> check_signature_algorithm(const Profile& p,
                                                 const x509::SignatureAlgorithm* alg,
                                                 const std::string& text,
                                                 const x509::KeyInfo* signer);

// e_policies_missing_required / e_policies_one_of (field "extensions.policies"): the required
// policies are all present and exactly one of `one_of` (when it is not empty).
std::vector<Problem> check_policy_list(const Profile& p, const x509::CertificatePolicies& rule,
                                       const std::vector<std::string>& policies);

// "A, B and C" / "A, B or C".
std::string join_list(const std::vector<std::string>& items, const std::string& last_word);

}  // namespace kr::profile
