// Shared profile rules. Messages name the profile and the CPS rule so an officer reading a failed
// rehearsal knows which document to open.
#include "profile/rules.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "profile/period.h"
#include "util/utf8.h"

namespace kr::profile {
namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// CPS Appendix B: a CN made only of letters, digits, ':', '-', '.' and '_' could be taken for a
// domain name or IP address. Any other byte (a space, or any non-ASCII character) makes it safe.
bool looks_like_domain(const std::string& cn) {
  return std::all_of(cn.begin(), cn.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return is_ascii_alnum(c) || c == ':' || c == '-' || c == '.' || c == '_';
  });
}

std::string allowed_keys(const Profile& p) {
  std::vector<std::string> names;
  for (const auto& k : p.keys) names.push_back(k.text());
  return join_list(names, "or");
}

// "an RSA 2048-bit", "a P-256": the article goes by how the first letter is spoken.
std::string with_article(const std::string& key_text) {
  bool an = !key_text.empty() &&
            std::string_view("AEFHILMNORSX").find(key_text[0]) != std::string_view::npos;
  return (an ? "an " : "a ") + key_text;
}

}  // namespace

std::string join_list(const std::vector<std::string>& items, const std::string& last_word) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += (i + 1 == items.size()) ? " " + last_word + " " : ", ";
    out += items[i];
  }
  return out;
}

std::optional<Problem> check_validity(const Profile& p, UtcTime not_before, UtcTime not_after) {
  if (not_after <= not_before)
    return Problem{"e_validity_not_after_before_not_before", "validity.not-after",
                   "not-after " + format_utc(not_after) + " is not later than not-before " +
                       format_utc(not_before)};
  if (not_after > add_period(not_before, p.max_validity))
    return Problem{"e_validity_exceeds_profile", "validity.not-after",
                   "validity is " + describe_span(not_before, not_after) + "; the " + p.name +
                       " profile allows at most " + describe_period(p.max_validity)};
  return std::nullopt;
}

std::vector<Problem> check_subject(const Profile& p, const x509::DistinguishedName& subject) {
  std::vector<Problem> out;
  const SubjectRule& rule = p.subject;
  for (const auto& type : rule.required) {
    auto n = std::count_if(subject.begin(), subject.end(),
                           [&](const auto& a) { return a.first == type; });
    const x509::AttributeType* t = x509::find_attribute_type(type);
    std::string long_name = t ? std::string(t->long_name) : type;
    if (n == 0)
      out.push_back({"e_subject_missing_attr", "subject",
                     "subject has no " + type + " (" + long_name + "); the " + p.name +
                         " profile requires " + join_list(rule.required, "and")});
    else if (n > 1)
      out.push_back({"e_subject_attr_repeated", "subject." + type,
                     "subject has " + std::to_string(n) + " " + type + " attributes; the " +
                         p.name + " profile allows one"});
  }
  for (const auto& [type, value] : subject) {
    std::string field = "subject." + type;
    if (std::find(rule.allowed.begin(), rule.allowed.end(), type) == rule.allowed.end()) {
      out.push_back({"e_subject_attr_not_allowed", field,
                     "subject attribute " + type + " is not allowed; the " + p.name +
                         " profile allows " + join_list(rule.allowed, "and")});
      continue;
    }
    const x509::AttributeType* t = x509::find_attribute_type(type);
    if (value.empty()) {
      out.push_back({"e_subject_empty_value", field, type + " is empty"});
      continue;
    }
    if (!valid_utf8(value)) {
      out.push_back({"e_subject_value_not_utf8", field, type + " is not valid UTF-8"});
      continue;
    }
    if (t && utf8_characters(value) > static_cast<std::size_t>(t->max_length))
      out.push_back({"e_subject_value_too_long", field,
                     type + " is " + std::to_string(utf8_characters(value)) +
                         " characters; RFC 5280 allows at most " + std::to_string(t->max_length)});
    if (type == "C" && (value.size() != 2 || !std::all_of(value.begin(), value.end(), [](char c) {
                          return c >= 'A' && c <= 'Z';
                        })))
      out.push_back({"e_country_not_two_letters", field,
                     "C \"" + value + "\" is not a two-letter upper-case ISO 3166 country code"});
    if (type == "CN" && rule.cn_not_domain_like && looks_like_domain(value))
      out.push_back({"e_cn_looks_like_domain", field,
                     "CN \"" + value + "\" could be read as a domain name or IP address; the " +
                         p.name +
                         " profile requires a character other than a letter, digit, ':', '-', "
                         "'.' or '_' (a space, for example)"});
  }
  return out;
}

const KeySpec* find_key_spec(const Profile& p, const x509::KeyInfo& key) {
  for (const auto& spec : p.keys) {
    if (spec.family != key.family) continue;
    if (spec.family == x509::KeyFamily::rsa && spec.rsa_bits == key.bits) return &spec;
    if (spec.family == x509::KeyFamily::ec && spec.curve == key.curve) return &spec;
  }
  return nullptr;
}

std::optional<Problem> check_key(const Profile& p, const x509::KeyInfo& key) {
  if (find_key_spec(p, key)) return std::nullopt;
  // CPS 6.1.5 floors: RSA 2048 bits, EC P-256. Below them the key is weak, not merely unlisted.
  bool weak = (key.family == x509::KeyFamily::rsa && key.bits < 2048) ||
              (key.family == x509::KeyFamily::ec && key.bits > 0 && key.bits < 256);
  if (weak)
    return Problem{"e_key_too_weak", "key",
                   key.text + " key is too weak; the " + p.name + " profile allows " +
                       allowed_keys(p) + " (CPS 6.1.5)"};
  return Problem{"e_key_not_in_profile", "key",
                 key.text + " key is not allowed; the " + p.name + " profile allows " +
                     allowed_keys(p) + " (CPS 6.1.5)"};
}

std::optional<Problem> check_signature_algorithm(const Profile& p,
                                                 const x509::SignatureAlgorithm* alg,
                                                 const std::string& text,
                                                 const x509::KeyInfo* signer) {
  const std::string field = "signature-algorithm";
  if (alg && alg->forbidden)
    return Problem{"e_sig_alg_forbidden", field,
                   text + " is forbidden: keyrite never signs with MD2, MD4, MD5 or SHA-1"};
  bool listed = alg && std::find(p.signature_algorithms.begin(), p.signature_algorithms.end(),
                                 alg->name) != p.signature_algorithms.end();
  if (!listed)
    return Problem{"e_sig_alg_not_in_profile", field,
                   text + " is not allowed; the " + p.name + " profile allows " +
                       join_list(p.signature_algorithms, "or")};
  if (signer && signer->family != alg->family)
    return Problem{"e_sig_alg_key_mismatch", field,
                   text + " cannot be made with " + with_article(signer->text) + " key"};
  return std::nullopt;
}

std::vector<Problem> check_policy_list(const Profile& p, const x509::CertificatePolicies& rule,
                                       const std::vector<std::string>& policies) {
  std::vector<Problem> out;
  auto has = [&](const std::string& oid) {
    return std::find(policies.begin(), policies.end(), oid) != policies.end();
  };
  for (const auto& oid : rule.required)
    if (!has(oid))
      out.push_back({"e_policies_missing_required", "extensions.policies",
                     "certificatePolicies lacks " + oid + "; the " + p.name +
                         " profile requires it (CPS Appendix B)"});
  if (rule.one_of.empty()) return out;
  std::vector<std::string> found;
  for (const auto& oid : rule.one_of)
    if (has(oid)) found.push_back(oid);
  if (found.empty())
    out.push_back({"e_policies_one_of", "extensions.policies",
                   "certificatePolicies has none of " + join_list(rule.one_of, "or") + "; the " +
                       p.name + " profile requires exactly one"});
  else if (found.size() > 1)
    out.push_back({"e_policies_one_of", "extensions.policies",
                   "certificatePolicies has " + join_list(found, "and") + "; the " + p.name +
                       " profile requires exactly one of " + join_list(rule.one_of, "or")});
  return out;
}

}  // namespace kr::profile
