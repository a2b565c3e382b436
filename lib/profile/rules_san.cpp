// subjectAltName rules. DNS names compare case-insensitively (RFC 4343), so a CN of
// "WWW.Example.com" matches the dNSName "www.example.com".
#include "profile/rules_san.h"

#include <algorithm>
#include <cctype>

#include "profile/rules_values.h"

namespace kr::profile {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct NameType {
  Setting setting;
  const char* asn1_name;  // how RFC 5280 calls it
  const std::vector<std::string> SanContent::*names;
};

constexpr NameType kTypes[] = {
    {Setting::dns_names, "dNSName", &SanContent::dns_names},
    {Setting::ip_addresses, "iPAddress", &SanContent::ip_addresses},
    {Setting::emails, "rfc822Name", &SanContent::emails},
    {Setting::permanent_identifier, "permanentIdentifier", &SanContent::permanent_identifiers},
};

std::string field(Setting s) {
  return "extensions." + std::string(setting_name(s));
}

std::vector<std::string> allowed_types(const Profile& p, bool asn1_names) {
  std::vector<std::string> out;
  for (const auto& t : kTypes)
    if (find_setting(p, t.setting))
      out.push_back(asn1_names ? t.asn1_name : std::string(setting_name(t.setting)));
  return out;
}

// "an rfc822Name", "a dNSName": by how the type name is spoken.
std::string with_article(const std::string& type) {
  bool an = !type.empty() && std::string("aeiorx").find(type[0]) != std::string::npos;
  return (an ? "an " : "a ") + type;
}

}  // namespace

std::size_t SanContent::count() const {
  return dns_names.size() + ip_addresses.size() + emails.size() + permanent_identifiers.size() +
         other_types.size();
}

std::vector<Problem> check_san(const Profile& p, const x509::SubjectAltName& rule,
                               const SanContent& san) {
  std::vector<Problem> out;
  for (const auto& name : san.dns_names) {
    if (auto why = dns_name_problem(name, rule.single_label_names); !why.empty())
      out.push_back(
          {"e_san_dns_invalid", field(Setting::dns_names), "dNSName \"" + name + "\" " + why});
    else if (!rule.wildcards && has_wildcard(name))
      out.push_back({"e_san_dns_wildcard", field(Setting::dns_names),
                     "dNSName \"" + name + "\" is a wildcard; the " + p.name +
                         " profile allows none (CPS Appendix B)"});
  }
  for (const auto& ip : san.ip_addresses)
    if (auto why = ip_address_problem(ip); !why.empty())
      out.push_back(
          {"e_san_ip_invalid", field(Setting::ip_addresses), "iPAddress \"" + ip + "\" " + why});
  for (const auto& email : san.emails)
    if (auto why = email_problem(email); !why.empty())
      out.push_back(
          {"e_san_email_invalid", field(Setting::emails), "rfc822Name \"" + email + "\" " + why});
  auto allowed = allowed_types(p, true);
  std::string allows =
      allowed.empty() ? "allows no names" : "allows only " + join_list(allowed, "and");
  for (const auto& t : kTypes)
    if (!(san.*t.names).empty() && !find_setting(p, t.setting))
      out.push_back({"e_san_type_not_allowed", "extensions",
                     "subjectAltName has " + with_article(t.asn1_name) + "; the " + p.name +
                         " profile " + allows});
  for (const auto& other : san.other_types)
    out.push_back(
        {"e_san_type_not_allowed", "extensions",
         "subjectAltName has " + with_article(other) + "; the " + p.name + " profile " + allows});
  if (san.count() < static_cast<std::size_t>(rule.min_names)) {
    auto settings = allowed_types(p, false);
    out.push_back({"e_san_too_few_names",
                   settings.empty() ? "extensions" : "extensions." + settings.front(),
                   "subjectAltName has " + std::to_string(san.count()) + " names; the " + p.name +
                       " profile requires at least " + std::to_string(rule.min_names) +
                       (settings.empty() ? "" : " (" + join_list(settings, "or") + ")")});
  }
  if (rule.require_permanent_identifier && san.permanent_identifiers.empty())
    out.push_back({"e_san_permanent_id_missing", field(Setting::permanent_identifier),
                   "subjectAltName has no permanentIdentifier; the " + p.name +
                       " profile requires one (CPS Appendix B)"});
  return out;
}

std::vector<Problem> check_subject_with_san(const Profile& p,
                                            const x509::DistinguishedName& subject,
                                            const SanContent& san) {
  std::vector<Problem> out;
  // Profiles that require attributes report their absence in check_subject instead.
  if (subject.empty() && p.subject.required.empty())
    out.push_back({"e_subject_empty", "subject",
                   "subject is empty; the " + p.name + " profile requires at least one attribute"});
  if (!p.subject.cn_in_san) return out;
  for (const auto& [type, value] : subject) {
    if (type != "CN") continue;
    const auto& cn = value;  // a lambda may not capture a structured binding in clang 14
    bool found = std::any_of(san.dns_names.begin(), san.dns_names.end(),
                             [&](const auto& d) { return lower(d) == lower(cn); }) ||
                 std::find(san.ip_addresses.begin(), san.ip_addresses.end(), value) !=
                     san.ip_addresses.end();
    if (!found)
      out.push_back({"e_cn_not_in_san", "subject.CN",
                     "CN \"" + value +
                         "\" is not one of the subjectAltName dNSNames or "
                         "iPAddresses; the " +
                         p.name + " profile requires it to be (CPS Appendix B)"});
  }
  return out;
}

}  // namespace kr::profile
