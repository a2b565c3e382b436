// The extensions mapping of issue and cross-sign, checked for syntax only: whether a profile
// permits a value is the profile layer's decision, made when the certificate template is built.
#include <arpa/inet.h>

#include <algorithm>
#include <climits>
#include <functional>

#include "script/section_fields.h"
#include "script/steps.h"

namespace kr::script {
namespace {

// Empty when `value` is acceptable, else what is wrong with it, to follow the quoted value.
using Rule = std::function<std::string(const std::string& value)>;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string url_rule(const std::string& value) {
  for (std::string_view scheme : {"http://", "https://"})
    if (value.starts_with(scheme) && value.size() > scheme.size() &&
        std::none_of(value.begin(), value.end(), [](unsigned char c) { return c <= ' '; }))
      return {};
  return " is not an http:// or https:// URL";
}

// Dotted decimal, at least two arcs, no leading zeros, first arc 0-2 (second 0-39 under 0 and 1):
// the forms X.690 can encode.
std::string oid_rule(const std::string& value) {
  if (value == "anyPolicy") return " is a name; write anyPolicy as its OID, 2.5.29.32.0";
  const std::string problem = " is not a dotted OID (for example 2.23.140.1.2.1)";
  std::vector<std::string> arcs(1);
  for (char c : value) {
    if (c == '.')
      arcs.emplace_back();
    else if (is_digit(c))
      arcs.back() += c;
    else
      return problem;
  }
  if (arcs.size() < 2) return problem;
  for (const auto& arc : arcs)
    if (arc.empty() || (arc.size() > 1 && arc[0] == '0')) return problem;
  if (arcs[0].size() > 1 || arcs[0][0] > '2') return problem;
  if (arcs[0][0] < '2' && (arcs[1].size() > 2 || std::stoi(arcs[1]) > 39)) return problem;
  return {};
}

std::string ip_rule(const std::string& value) {
  unsigned char address[16];
  if (inet_pton(AF_INET, value.c_str(), address) == 1) return {};
  if (inet_pton(AF_INET6, value.c_str(), address) == 1) return {};
  return " is not an IPv4 or IPv6 address";
}

std::string email_rule(const std::string& value) {
  const auto at = value.find('@');
  const bool one_at = at != value.npos && value.find('@', at + 1) == value.npos;
  const bool blank =
      std::any_of(value.begin(), value.end(), [](unsigned char c) { return c <= ' '; });
  if (one_at && at > 0 && at + 1 < value.size() && !blank) return {};
  return " is not an email address (one '@' between a name and a domain)";
}

// Labels of letters, digits and '-' (not at either end), 1 to 63 characters, 253 in all; a
// leading "*." for a wildcard.
std::string dns_rule(const std::string& value) {
  const std::string problem =
      " is not a DNS name (labels of letters, digits and '-', optionally after \"*.\")";
  std::string_view name = value;
  if (name.starts_with("*.")) name.remove_prefix(2);
  if (name.empty() || name.size() > 253) return problem;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = std::min(name.find('.', start), name.size());
    const auto label = name.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return problem;
    for (char c : label)
      if (!is_digit(c) && c != '-' && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return problem;
    start = end + 1;
  }
  return {};
}

// Strings that may be empty ("" is a zero-length dNSName in excluded name constraints).
std::optional<std::vector<std::string>> read_strings(const config::YamlNode* node,
                                                     config::Diagnostics& diagnostics) {
  if (node->kind != config::YamlNode::Kind::sequence) return read_string_list(node, diagnostics);
  std::vector<std::string> out;
  for (const config::YamlNode& item : node->children)
    if (auto text = read_string(&item, diagnostics))
      out.push_back(*text);
    else
      return std::nullopt;
  return out;
}

std::vector<std::string> read_list(const config::YamlNode* node, const std::string& field,
                                   const Rule& rule, StepDraft& draft,
                                   config::Diagnostics& diagnostics, bool empty_strings = false) {
  std::vector<std::string> out;
  if (!node) return out;
  const auto items =
      empty_strings ? read_strings(node, diagnostics) : read_string_list(node, diagnostics);
  if (!items) return out;
  if (items->empty()) report(diagnostics, *node, "is an empty list; leave it out instead");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const config::YamlNode& item = node->children[i];
    const std::string& value = (*items)[i];
    note_field(draft, diagnostics, field + "[" + std::to_string(i) + "]", &item);
    if (auto problem = rule(value); !problem.empty())
      report(diagnostics, item, "\"" + value + "\"" + problem);
    else if (std::find(out.begin(), out.end(), value) != out.end())
      report(diagnostics, item, "\"" + value + "\" is listed twice");
    else
      out.push_back(value);
  }
  return out;
}

std::optional<int> read_path_length(const config::YamlNode* node,
                                    config::Diagnostics& diagnostics) {
  if (!node || node->reported) return std::nullopt;
  if (node->kind == config::YamlNode::Kind::scalar && !node->quoted && node->value.size() > 1 &&
      node->value[0] == '-' && std::all_of(node->value.begin() + 1, node->value.end(), is_digit)) {
    report(diagnostics, *node, "must be 0 or more; leave path-length out for no limit");
    return std::nullopt;
  }
  const auto value = read_integer(node, diagnostics);
  if (!value) return std::nullopt;
  if (*value > INT_MAX) {
    report(diagnostics, *node, "is too large; a path length counts CA certificates below this one");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

// The code-signing permanentIdentifier value (RFC 4043 identifierValue, a UTF8String): one line of
// printable text.
std::string read_permanent_identifier(const config::YamlNode* node, StepDraft& draft,
                                      config::Diagnostics& diagnostics) {
  note_field(draft, diagnostics, "extensions.permanent-identifier", node);
  if (!node) return {};
  const auto value = read_string(node, diagnostics);
  if (!value) return {};
  if (value->empty() || value->size() > 256 ||
      std::any_of(value->begin(), value->end(),
                  [](unsigned char c) { return c < ' ' || c == 0x7f; }))
    report(diagnostics, *node, "must be one line of 1 to 256 printable characters");
  else
    return *value;
  return {};
}

// Key purpose names (serverAuth) or dotted OIDs; the profile decides which it allows.
std::string purpose_rule(const std::string& value) {
  if (!value.empty() && std::all_of(value.begin(), value.end(),
                                    [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }))
    return {};
  if (oid_rule(value).empty()) return {};
  return " is not a key purpose name (serverAuth, clientAuth, ...) or a dotted OID";
}

// policy-qualifiers: [{policy: OID, cps: [URL], user-notice: text}].
std::vector<PolicyQualifierSetting> read_qualifiers(const config::YamlNode* node, StepDraft& draft,
                                                    config::Diagnostics& diagnostics) {
  std::vector<PolicyQualifierSetting> out;
  note_field(draft, diagnostics, "extensions.policy-qualifiers", node);
  if (!node) return out;
  if (node->kind != config::YamlNode::Kind::sequence || node->children.empty()) {
    report(diagnostics, *node, "must be a non-empty list of {policy, cps, user-notice}");
    return out;
  }
  for (std::size_t i = 0; i < node->children.size(); ++i) {
    const config::YamlNode& item = node->children[i];
    std::string field = "extensions.policy-qualifiers[" + std::to_string(i) + "]";
    const TableReader fields(item, extensions_table(), "policy-qualifiers[]", diagnostics);
    if (!fields.is_mapping()) continue;
    PolicyQualifierSetting q;
    const config::YamlNode* policy = fields.required("policy");
    if (auto oid = read_name(policy, diagnostics)) {
      if (auto problem = oid_rule(*oid); !problem.empty())
        report(diagnostics, *policy, "\"" + *oid + "\"" + problem);
      q.policy = *oid;
    }
    q.cps = read_list(fields.optional("cps"), field + ".cps", url_rule, draft, diagnostics);
    if (const config::YamlNode* notice = fields.optional("user-notice")) {
      auto text = read_string(notice, diagnostics);
      if (text && (text->empty() || text->size() > 800 ||
                   std::any_of(text->begin(), text->end(),
                               [](unsigned char c) { return c < ' ' || c == 0x7f; })))
        report(diagnostics, *notice, "must be one line of printable text");
      else if (text)
        q.user_notice = *text;
    }
    if (!fields.optional("cps") && !fields.optional("user-notice"))
      report(diagnostics, item, "give cps, user-notice or both");
    out.push_back(std::move(q));
  }
  return out;
}

// A CIDR range: an address, '/', a prefix length (whether the bits beyond it are zero is the
// profile layer's check, with the profile's message).
std::string range_rule(const std::string& value) {
  const auto slash = value.find('/');
  if (slash == value.npos || ip_rule(value.substr(0, slash)) != "" || slash + 1 == value.size() ||
      !std::all_of(value.begin() + static_cast<long>(slash) + 1, value.end(), is_digit))
    return " is not an IP range (an address, '/', a prefix length: 192.0.2.0/24, 2001:db8::/32)";
  return {};
}

// name-constraints: {permitted: SUBTREES, excluded: SUBTREES}, each {dns-names, ip-addresses,
// directory-names}; an empty dNSName only in excluded (every name, BRs 7.1.2.5.2).
NameSubtreesSetting read_subtrees(const config::YamlNode* node, const std::string& field,
                                  bool excluded, StepDraft& draft,
                                  config::Diagnostics& diagnostics) {
  NameSubtreesSetting out;
  note_field(draft, diagnostics, field, node);
  if (!node) return out;
  // excluded takes the keys permitted does; the table (and so the reference) lists them once.
  const TableReader fields(*node, extensions_table(), "name-constraints.permitted", diagnostics);
  if (!fields.is_mapping()) return out;
  if (node->children.empty()) report(diagnostics, *node, "is empty; leave it out instead");
  auto dns = [excluded](const std::string& value) -> std::string {
    if (value.empty())
      return excluded ? "" : " (empty) excludes every DNS name, so it belongs in excluded";
    if (value.starts_with("*.")) return " has a wildcard; a subtree is a domain and all below it";
    return dns_rule(value);
  };
  out.dns_names = read_list(fields.optional("dns-names"), field + ".dns-names", dns, draft,
                            diagnostics, /*empty_strings=*/true);
  out.ip_addresses = read_list(fields.optional("ip-addresses"), field + ".ip-addresses", range_rule,
                               draft, diagnostics);
  if (const config::YamlNode* names = fields.optional("directory-names")) {
    note_field(draft, diagnostics, field + ".directory-names", names);
    if (names->kind != config::YamlNode::Kind::sequence || names->children.empty())
      report(diagnostics, *names, "must be a non-empty list of names ({C: US, O: Example})");
    else
      for (std::size_t i = 0; i < names->children.size(); ++i)
        out.directory_names.push_back(
            read_subject(&names->children[i], draft, diagnostics,
                         field + ".directory-names[" + std::to_string(i) + "]"));
  }
  return out;
}

}  // namespace

ExtensionSettings read_extensions(const config::YamlNode* node, StepDraft& draft,
                                  config::Diagnostics& diagnostics) {
  ExtensionSettings out;
  if (!node) return out;
  const TableReader fields(*node, extensions_table(), "", diagnostics);
  if (!fields.is_mapping()) return out;
  auto list = [&](std::string_view key, const Rule& rule) {
    const std::string field = "extensions." + std::string(key);
    note_field(draft, diagnostics, field, fields.optional(key));
    return read_list(fields.optional(key), field, rule, draft, diagnostics);
  };
  note_field(draft, diagnostics, "extensions.path-length", fields.optional("path-length"));
  out.path_length = read_path_length(fields.optional("path-length"), diagnostics);
  out.ca_issuers = list("ca-issuers", url_rule);
  out.ocsp = list("ocsp", url_rule);
  out.crl_distribution_points = list("crl-distribution-points", url_rule);
  out.policies = list("policies", oid_rule);
  out.dns_names = list("dns-names", dns_rule);
  out.ip_addresses = list("ip-addresses", ip_rule);
  out.emails = list("emails", email_rule);
  out.permanent_identifier =
      read_permanent_identifier(fields.optional("permanent-identifier"), draft, diagnostics);
  out.extended_key_usage = list("extended-key-usage", purpose_rule);
  out.policy_qualifiers = read_qualifiers(fields.optional("policy-qualifiers"), draft, diagnostics);
  if (const config::YamlNode* nc = fields.optional("name-constraints")) {
    note_field(draft, diagnostics, "extensions.name-constraints", nc);
    const TableReader sides(*nc, extensions_table(), "name-constraints", diagnostics);
    if (sides.is_mapping()) {
      if (!sides.optional("permitted") && !sides.optional("excluded"))
        report(diagnostics, *nc, "give permitted, excluded or both");
      out.permitted_subtrees =
          read_subtrees(sides.optional("permitted"), "extensions.name-constraints.permitted", false,
                        draft, diagnostics);
      out.excluded_subtrees =
          read_subtrees(sides.optional("excluded"), "extensions.name-constraints.excluded", true,
                        draft, diagnostics);
    }
  }
  return out;
}

}  // namespace kr::script
