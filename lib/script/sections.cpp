// The ceremony's header sections. Role names are compared ignoring case and surrounding blanks,
// because "Cara" and "cara " are the same person to a reader of the event log.
#include "script/sections.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "script/names.h"

namespace kr::script {
namespace {

std::string person(std::string_view name) {
  const auto first = name.find_first_not_of(" \t");
  const auto last = name.find_last_not_of(" \t");
  std::string out = first == name.npos ? "" : std::string(name.substr(first, last - first + 1));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "3-of-5" -> {3, 5}; up to three digits each, so the range check below sees any typo.
std::optional<std::pair<int, int>> parse_m_of_n(std::string_view text) {
  const auto dash = text.find("-of-");
  if (dash == text.npos) return std::nullopt;
  auto number = [](std::string_view digits) -> std::optional<int> {
    int value = 0;
    const char* end = digits.data() + digits.size();
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    const auto result = std::from_chars(digits.data(), end, value);
    if (result.ec != std::errc{} || result.ptr != end) return std::nullopt;
    return value;
  };
  const auto m = number(text.substr(0, dash));
  const auto n = number(text.substr(dash + 4));
  if (!m || !n) return std::nullopt;
  return std::pair{*m, *n};
}

const char* const kSeparationOfDuties = "the internal auditor may hold no other role (CPS 5.2.4)";
constexpr std::size_t kMaxTokenLabel = 32;  // CK_TOKEN_INFO.label is 32 bytes, blank padded

}  // namespace

void parse_version(const YamlNode* node, Script& script, Diagnostics& diagnostics) {
  const auto version = read_integer(node, diagnostics);
  if (!version) return;
  if (*version != 1) {
    report(diagnostics, *node,
           "unsupported format version " + std::to_string(*version) +
               "; this keyrite reads version 1");
    return;
  }
  script.version = 1;
}

void parse_ceremony(const YamlNode* node, Script& script, Diagnostics& diagnostics) {
  if (!node) return;
  MapReader ceremony(*node, {"id", "description"}, diagnostics);
  if (!ceremony.is_mapping()) return;
  const YamlNode* id_node = ceremony.required("id");
  if (auto id = read_name(id_node, diagnostics)) {
    if (is_valid_id(*id))
      script.ceremony_id = *id;
    else
      report(diagnostics, *id_node, "\"" + *id + "\" is not a valid id; " + std::string(kIdRule));
  }
  if (auto description = read_string(ceremony.optional("description"), diagnostics))
    script.description = *description;
}

void parse_token(const YamlNode* node, Script& script, Diagnostics& diagnostics) {
  if (!node) return;
  MapReader token(*node, {"module", "label", "module-params"}, diagnostics);
  if (!token.is_mapping()) return;
  script.token.position = position_of(diagnostics, *node);
  const YamlNode* module_node = token.required("module");
  if (auto module = read_name(module_node, diagnostics)) {
    if (*module == "softhsm2" || *module == "nss-softokn" || module->front() == '/')
      script.token.module = *module;
    else
      report(diagnostics, *module_node,
             "\"" + *module +
                 "\" is not a known module; write softhsm2, nss-softokn or the absolute path "
                 "of a PKCS#11 library");
  }
  const YamlNode* label_node = token.required("label");
  if (auto label = read_name(label_node, diagnostics)) {
    if (label->size() <= kMaxTokenLabel)
      script.token.label = *label;
    else
      report(diagnostics, *label_node,
             "is " + std::to_string(label->size()) +
                 " bytes long; a PKCS#11 token label holds at most 32");
  }
  if (auto params = read_string(token.optional("module-params"), diagnostics))
    script.token.init_params = *params;
}

std::optional<std::size_t> parse_roles(const YamlNode* node, Script& script,
                                       Diagnostics& diagnostics) {
  if (!node) return std::nullopt;
  MapReader roles(*node, {"administrator", "internal-auditor", "custodians"}, diagnostics);
  if (!roles.is_mapping()) return std::nullopt;
  Roles& out = script.roles;
  out.position = position_of(diagnostics, *node);
  if (auto name = read_name(roles.required("administrator"), diagnostics))
    out.administrator = *name;
  const YamlNode* auditor_node = roles.required("internal-auditor");
  if (auto name = read_name(auditor_node, diagnostics)) out.internal_auditor = *name;

  const YamlNode* custodians_node = roles.optional("custodians");
  // No custodians key means none; an unreadable list means the count is unknown.
  std::optional<std::size_t> listed;
  if (!custodians_node) listed = 0;
  if (auto custodians = read_string_list(custodians_node, diagnostics)) {
    listed = custodians->size();
    for (std::size_t i = 0; i < custodians->size(); ++i) {
      const std::string& name = (*custodians)[i];
      const bool repeated = std::any_of(out.custodians.begin(), out.custodians.end(),
                                        [&](const auto& c) { return person(c) == person(name); });
      if (repeated)
        report(diagnostics, custodians_node->children[i], "\"" + name + "\" is listed twice");
      else
        out.custodians.push_back(name);
    }
  }

  if (out.internal_auditor.empty()) return listed;
  const std::string auditor = person(out.internal_auditor);
  if (!out.administrator.empty() && auditor == person(out.administrator))
    report(diagnostics, *auditor_node,
           "\"" + out.internal_auditor + "\" is also the administrator; " + kSeparationOfDuties);
  for (const auto& custodian : out.custodians)
    if (auditor == person(custodian))
      report(diagnostics, *auditor_node,
             "\"" + out.internal_auditor + "\" is also a custodian; " + kSeparationOfDuties);
  return listed;
}

void parse_quorum(const YamlNode* node, std::optional<std::size_t> custodians, Script& script,
                  Diagnostics& diagnostics) {
  if (!node) return;
  MapReader quorum(*node, {"activation"}, diagnostics);
  if (!quorum.is_mapping()) return;
  const YamlNode* activation_node = quorum.required("activation");
  const auto activation = read_name(activation_node, diagnostics);
  if (!activation) return;
  const auto counts = parse_m_of_n(*activation);
  if (!counts) {
    report(diagnostics, *activation_node,
           "\"" + *activation + "\" is not of the form M-of-N (for example 3-of-5)");
    return;
  }
  const auto [m, n] = *counts;
  if (m < 1 || m > n || n > 255) {
    report(diagnostics, *activation_node, *activation + " needs 1 <= M <= N <= 255");
    return;
  }
  if (custodians && static_cast<std::size_t>(n) != *custodians) {
    report(diagnostics, *activation_node,
           *activation + " needs " + std::to_string(n) +
               " custodians, but roles.custodians names " + std::to_string(*custodians));
    return;
  }
  script.quorum = Quorum{m, n, position_of(diagnostics, *activation_node)};
}

}  // namespace kr::script
