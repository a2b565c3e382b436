// The sign-crl step body and its revoked entries. Times are checked against each other here; the
// CRL number comes from the state file at run time, so nothing here needs the CA's records.
#include <algorithm>
#include <filesystem>

#include "script/field_parts.h"
#include "script/step_fields.h"
#include "script/steps.h"

namespace kr::script {
namespace {

constexpr std::size_t kMaxSerialDigits = 40;  // 20 octets (RFC 5280 4.1.2.2)

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

// "00AB" and "ab" are one serial.
std::string serial_key(const std::string& serial) {
  std::string out = serial.substr(std::min(serial.find_first_not_of('0'), serial.size() - 1));
  for (char& c : out) c = static_cast<char>(c | 0x20);
  return out;
}

std::optional<std::string> read_serial(const config::YamlNode* node,
                                       config::Diagnostics& diagnostics) {
  const auto serial = read_name(node, diagnostics);
  if (!serial) return std::nullopt;
  if (serial->size() <= kMaxSerialDigits && std::all_of(serial->begin(), serial->end(), is_hex))
    return serial;
  std::string digits = *serial;
  std::erase(digits, ':');
  std::string message = "must be 1 to 40 hex digits, found \"" + *serial + "\"";
  if (digits != *serial && !digits.empty() && std::all_of(digits.begin(), digits.end(), is_hex))
    message += "; write it without ':', as " + digits;
  report(diagnostics, *node, message);
  return std::nullopt;
}

// Reports when `later` is after `limit` (named `limit_name`).
void not_after(const config::YamlNode* later_node, std::optional<UtcTime> later,
               std::optional<UtcTime> limit, const std::string& limit_name,
               config::Diagnostics& diagnostics) {
  if (later && limit && *later > *limit)
    report(diagnostics, *later_node,
           "must not be after " + limit_name + " (" + format_utc(*limit) + ")");
}

RevokedEntry read_entry(const config::YamlNode& node, const std::string& field,
                        std::optional<UtcTime> this_update, StepDraft& draft,
                        config::Diagnostics& diagnostics) {
  RevokedEntry out;
  out.position = position_of(diagnostics, node);
  note_field(draft, diagnostics, field, &node);
  const TableReader fields(node, field_parts_table(), "revoked[]", diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* serial = fields.optional("serial");
  const config::YamlNode* certificate = fields.optional("certificate");
  const config::YamlNode* date_node = fields.required("revocation-date");
  const config::YamlNode* reason = fields.optional("reason");
  const config::YamlNode* invalidity_node = fields.optional("invalidity-date");
  note_field(draft, diagnostics, field + ".serial", serial);
  note_field(draft, diagnostics, field + ".certificate", certificate);
  note_field(draft, diagnostics, field + ".revocation-date", date_node);
  note_field(draft, diagnostics, field + ".reason", reason);
  note_field(draft, diagnostics, field + ".invalidity-date", invalidity_node);

  if (serial && certificate)
    report(diagnostics, *certificate, "give serial or certificate, not both");
  else if (!serial && !certificate)
    report(diagnostics, node, "give serial or certificate");
  if (auto text = read_serial(serial, diagnostics)) out.serial = *text;
  if (!serial) out.certificate = read_input(certificate, diagnostics);
  const auto date = read_time(date_node, diagnostics);
  if (date) out.revocation_date = *date;
  // A CRL states what was known at this-update; a later revocation date is a typo.
  not_after(date_node, date, this_update, "this-update", diagnostics);
  out.reason = read_reason(reason, diagnostics);
  out.invalidity_date = read_time(invalidity_node, diagnostics);
  not_after(invalidity_node, out.invalidity_date, date, "revocation-date", diagnostics);
  return out;
}

std::vector<RevokedEntry> read_revoked(const config::YamlNode* node,
                                       std::optional<UtcTime> this_update, StepDraft& draft,
                                       config::Diagnostics& diagnostics) {
  std::vector<RevokedEntry> out;
  if (!node || node->reported) return out;
  if (node->kind != config::YamlNode::Kind::sequence) {
    report(diagnostics, *node, "expected a list, found " + describe(*node));
    return out;
  }
  std::vector<std::pair<std::string, std::size_t>> seen;  // serial key or input path -> index
  for (std::size_t i = 0; i < node->children.size(); ++i) {
    const config::YamlNode& item = node->children[i];
    const std::string field = "revoked[" + std::to_string(i) + "]";
    RevokedEntry entry = read_entry(item, field, this_update, draft, diagnostics);
    std::string key, written;
    if (!entry.serial.empty()) {
      key = "serial " + serial_key(entry.serial);
      written = entry.serial;
    } else if (entry.certificate) {
      key = "file " + std::filesystem::path(entry.certificate->path).lexically_normal().string();
      written = entry.certificate->path;
    }
    const auto earlier = std::find_if(
        seen.begin(), seen.end(), [&](const auto& s) { return !key.empty() && s.first == key; });
    if (earlier != seen.end())
      report(diagnostics, *(item.find("serial") ? item.find("serial") : item.find("certificate")),
             "\"" + written + "\" is already listed at revoked[" + std::to_string(earlier->second) +
                 "]");
    else if (!key.empty())
      seen.emplace_back(key, i);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

SignCrl parse_sign_crl(const config::YamlNode& body, StepDraft& draft,
                       config::Diagnostics& diagnostics) {
  SignCrl out;
  const StepFields fields(body, "sign-crl", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* issuer = fields["issuer"];
  const config::YamlNode* profile = fields["profile"];
  const config::YamlNode* this_node = fields["this-update"];
  const config::YamlNode* next_node = fields["next-update"];
  const config::YamlNode* state = fields["state"];
  const config::YamlNode* previous = fields["previous-crl"];
  const config::YamlNode* revoked = fields["revoked"];
  const config::YamlNode* output = fields["output"];
  const config::YamlNode* format = fields["format"];

  out.issuer = read_issuer(issuer, "issuer", draft, diagnostics);
  if (auto name = read_profile(profile, diagnostics)) out.profile = *name;
  const auto this_update = read_time(this_node, diagnostics);
  const auto next_update = read_time(next_node, diagnostics);
  if (this_update) out.this_update = *this_update;
  if (next_update) out.next_update = *next_update;
  if (this_update && next_update && *next_update <= *this_update)
    report(diagnostics, *next_node, "must be after this-update (" + format_utc(*this_update) + ")");
  if (auto file = read_input(state, diagnostics)) out.state = std::move(*file);
  out.previous_crl = read_input(previous, diagnostics);
  out.revoked = read_revoked(revoked, this_update, draft, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
