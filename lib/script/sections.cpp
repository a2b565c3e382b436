// The ceremony's header sections. Role names are compared ignoring case and surrounding blanks,
// because "Cara" and "cara " are the same person to a reader of the event log.
#include "script/sections.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "script/names.h"
#include "script/section_fields.h"
#include "util/display_name.h"

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

void parse_version(const config::YamlNode* node, Script& script, config::Diagnostics& diagnostics) {
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

void parse_ceremony(const config::YamlNode* node, Script& script,
                    config::Diagnostics& diagnostics) {
  if (!node) return;
  const TableReader ceremony(*node, script_table(), "ceremony", diagnostics);
  if (!ceremony.is_mapping()) return;
  const config::YamlNode* id_node = ceremony.required("id");
  if (auto id = read_name(id_node, diagnostics)) {
    if (is_valid_id(*id))
      script.ceremony_id = *id;
    else
      report(diagnostics, *id_node, "\"" + *id + "\" is not a valid id; " + std::string(kIdRule));
  }
  if (auto description = read_string(ceremony.optional("description"), diagnostics))
    script.description = *description;
  if (const config::YamlNode* test = ceremony.optional("test")) {
    if (test->kind == config::YamlNode::Kind::scalar && !test->quoted &&
        (test->value == "true" || test->value == "false"))
      script.test_ceremony = test->value == "true";
    else
      report(diagnostics, *test, "must be true or false");
  }
}

void parse_token(const config::YamlNode* node, Script& script, config::Diagnostics& diagnostics) {
  if (!node) return;
  const TableReader token(*node, script_table(), "token", diagnostics);
  if (!token.is_mapping()) return;
  script.token.position = position_of(diagnostics, *node);
  const config::YamlNode* module_node = token.required("module");
  if (auto module = read_name(module_node, diagnostics)) {
    if (*module == "softhsm2" || *module == "nss-softokn" || module->front() == '/')
      script.token.module = *module;
    else
      report(diagnostics, *module_node,
             "\"" + *module +
                 "\" is not a known module; write softhsm2, nss-softokn or the absolute path "
                 "of a PKCS#11 library");
  }
  const config::YamlNode* label_node = token.required("label");
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

namespace {

// A person's name as every tool shows it (util/display_name.h): any valid UTF-8 without control
// characters; "Ana Ortiz" and "Zoë O'Brien" are fine. Reported at the node when it is not.
bool person_name_ok(const config::YamlNode& node, const std::string& name,
                    config::Diagnostics& diagnostics) {
  if (auto problem = display_name_problem(name, "person's name")) {
    report(diagnostics, node, *problem);
    return false;
  }
  return true;
}

std::optional<std::string> read_person(const config::YamlNode* node,
                                       config::Diagnostics& diagnostics) {
  auto name = read_name(node, diagnostics);
  if (name && !person_name_ok(*node, *name, diagnostics)) return std::nullopt;
  return name;
}

// A list of distinct people; a name listed twice is reported and kept once. nullopt when the list
// cannot be read (its length is then unknown).
std::optional<std::size_t> read_people(const config::YamlNode* node, std::vector<std::string>& out,
                                       config::Diagnostics& diagnostics) {
  if (!node) return 0;
  auto names = read_string_list(node, diagnostics);
  if (!names) return std::nullopt;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& name = (*names)[i];
    if (!person_name_ok(node->children[i], name, diagnostics)) continue;
    const bool repeated = std::any_of(out.begin(), out.end(),
                                      [&](const auto& c) { return person(c) == person(name); });
    if (repeated)
      report(diagnostics, node->children[i], "\"" + name + "\" is listed twice");
    else
      out.push_back(name);
  }
  return names->size();
}

void check_auditor_alone(const Roles& roles, const config::YamlNode& auditor_node,
                         config::Diagnostics& diagnostics) {
  if (roles.internal_auditor.empty()) return;
  const std::string auditor = person(roles.internal_auditor);
  auto clash = [&](const std::string& other, const char* role) {
    if (auditor == person(other))
      report(diagnostics, auditor_node,
             "\"" + roles.internal_auditor + "\" is also " + role + "; " + kSeparationOfDuties);
  };
  if (!roles.administrator.empty()) clash(roles.administrator, "the administrator");
  for (const auto& custodian : roles.custodians) clash(custodian, "a custodian");
  for (const auto& custodian : roles.recovery_custodians) clash(custodian, "a recovery custodian");
}

}  // namespace

RoleCounts parse_roles(const config::YamlNode* node, Script& script,
                       config::Diagnostics& diagnostics) {
  if (!node) return {};
  const TableReader roles(*node, script_table(), "roles", diagnostics);
  if (!roles.is_mapping()) return {};
  Roles& out = script.roles;
  out.position = position_of(diagnostics, *node);
  if (auto name = read_person(roles.required("administrator"), diagnostics))
    out.administrator = *name;
  const config::YamlNode* auditor_node = roles.required("internal-auditor");
  if (auto name = read_person(auditor_node, diagnostics)) out.internal_auditor = *name;
  RoleCounts counts;
  counts.custodians = read_people(roles.optional("custodians"), out.custodians, diagnostics);
  counts.recovery_custodians =
      read_people(roles.optional("recovery-custodians"), out.recovery_custodians, diagnostics);
  if (auditor_node) check_auditor_alone(out, *auditor_node, diagnostics);
  return counts;
}

namespace {

// "3-of-5" with the custodians who hold the shares; nullopt after reporting what is wrong.
std::optional<std::pair<int, int>> read_threshold(const config::YamlNode* node,
                                                  std::optional<std::size_t> holders,
                                                  const char* holders_field, const Script& script,
                                                  config::Diagnostics& diagnostics) {
  const auto text = read_name(node, diagnostics);
  if (!text) return std::nullopt;
  const auto counts = parse_m_of_n(*text);
  if (!counts) {
    report(diagnostics, *node, "\"" + *text + "\" is not of the form M-of-N (for example 3-of-5)");
    return std::nullopt;
  }
  const auto [m, n] = *counts;
  if (m < 2 || m > n || n > 255) {
    report(diagnostics, *node, *text + " needs 2 <= M <= N <= 255");
    return std::nullopt;
  }
  if (m < 3 && !script.test_ceremony) {
    report(diagnostics, *node,
           *text +
               ": CPS 5.2.2 requires at least three people for key operations; only a "
               "test ceremony (ceremony.test: true) may use fewer");
    return std::nullopt;
  }
  if (holders && static_cast<std::size_t>(n) != *holders) {
    report(diagnostics, *node,
           *text + " needs " + std::to_string(n) + " custodians, but " + holders_field + " names " +
               std::to_string(*holders));
    return std::nullopt;
  }
  return counts;
}

// lib/quorum's limit (kMaxDescriptorBytes); script does not depend on quorum.
constexpr std::uintmax_t kMaxDescriptorFileBytes = 1024 * 1024;

std::optional<ShareSetRef> read_share_set(const TableReader& quorum, const char* threshold_key,
                                          const char* descriptor_key,
                                          std::optional<std::size_t> holders,
                                          const char* holders_field,
                                          const std::filesystem::path& script_dir,
                                          const Script& script, config::Diagnostics& diagnostics) {
  const config::YamlNode* threshold_node = quorum.required(threshold_key);
  const config::YamlNode* descriptor_node = quorum.required(descriptor_key);
  const auto counts = read_threshold(threshold_node, holders, holders_field, script, diagnostics);
  const auto descriptor = read_name(descriptor_node, diagnostics);
  if (!counts || !descriptor) return std::nullopt;
  ShareSetRef ref;
  ref.m = counts->first;
  ref.n = counts->second;
  ref.descriptor = *descriptor;
  ref.resolved = std::filesystem::absolute(script_dir / *descriptor).lexically_normal();
  ref.position = position_of(diagnostics, *threshold_node);
  // The descriptor may not exist yet when a script is checked (kr-token init writes it), but a
  // path that names a device, FIFO or directory is refused here, at the desk: reading one would
  // hang or never end.
  std::error_code error;
  const auto status = std::filesystem::status(ref.resolved, error);
  if (!error && status.type() != std::filesystem::file_type::not_found &&
      status.type() != std::filesystem::file_type::regular)
    diagnostics.add(
        position_of(diagnostics, *descriptor_node),
        "\"" + *descriptor + "\" is not a regular file (resolved to " + ref.resolved.string() +
            "); a share-set descriptor is the JSON file kr-token init or kr-quorum wrote");
  else if (!error && status.type() == std::filesystem::file_type::regular &&
           std::filesystem::file_size(ref.resolved, error) > kMaxDescriptorFileBytes && !error)
    diagnostics.add(
        position_of(diagnostics, *descriptor_node),
        "\"" + *descriptor + "\" is larger than 1 MiB; it is not a share-set descriptor");
  return ref;
}

}  // namespace

void parse_quorum(const config::YamlNode* node, const RoleCounts& counts,
                  const std::filesystem::path& script_dir, Script& script,
                  config::Diagnostics& diagnostics) {
  if (!node) return;
  const TableReader quorum(*node, script_table(), "quorum", diagnostics);
  auto unlock = Unlock::once;
  if (const config::YamlNode* unlock_node = quorum.optional("unlock")) {
    const auto text = read_name(unlock_node, diagnostics);
    if (text && *text == "every-step")
      unlock = Unlock::every_step;
    else if (text && *text != "once")
      report(diagnostics, *unlock_node,
             "\"" + *text +
                 "\" is neither \"once\" (a passphrase per custodian per run, then a "
                 "confirmation per step) nor \"every-step\" (a passphrase per step)");
  }
  if (!quorum.is_mapping()) return;
  auto activation = read_share_set(quorum, "activation", "share-set", counts.custodians,
                                   "roles.custodians", script_dir, script, diagnostics);
  std::optional<ShareSetRef> key_backup;
  if (quorum.optional("key-backup") || quorum.optional("key-backup-share-set")) {
    key_backup =
        read_share_set(quorum, "key-backup", "key-backup-share-set", counts.recovery_custodians,
                       "roles.recovery-custodians", script_dir, script, diagnostics);
    if (!key_backup) return;
  }
  if (!activation) return;
  script.quorum = Quorum{std::move(*activation), std::move(key_backup),
                         position_of(diagnostics, *node), unlock};
}

}  // namespace kr::script
