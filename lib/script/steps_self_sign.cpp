// The self-sign step body: subject, validity and signature algorithm. The profile decides what a
// certificate may contain; these are the checks that need no profile.
#include <cctype>

#include "script/names.h"
#include "script/steps.h"
#include "script/suggest.h"
#include "util/time.h"

namespace kr::script {
namespace {

constexpr std::size_t kMaxAttributeLength = 64;  // RFC 5280 ub-common-name, ub-organization-name

std::size_t utf8_characters(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;  // count lead bytes, skip continuation bytes
  return count;
}

bool is_country_code(std::string_view value) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };  // ASCII, whatever the locale
  return value.size() == 2 && upper(value[0]) && upper(value[1]);
}

DistinguishedName read_subject(const YamlNode* node, StepDraft& draft, Diagnostics& diagnostics) {
  DistinguishedName out;
  if (!node) return out;
  MapReader subject(*node, {"C", "ST", "L", "O", "OU", "CN"}, diagnostics);
  if (!subject.is_mapping()) return out;
  if (node->children.empty()) report(diagnostics, *node, "must name at least one attribute");
  for (const YamlNode& attribute : node->children) {
    note_field(draft, diagnostics, "subject." + attribute.key, &attribute);
    const auto value = read_name(&attribute, diagnostics);
    if (!value) continue;
    if (attribute.key == "C" && !is_country_code(*value)) {
      report(diagnostics, attribute,
             "must be two upper-case letters (an ISO 3166 country code), found \"" + *value + "\"");
      continue;
    }
    if (const auto length = utf8_characters(*value); length > kMaxAttributeLength) {
      report(diagnostics, attribute,
             "is " + std::to_string(length) + " characters long; at most 64 are allowed");
      continue;
    }
    out.emplace_back(attribute.key, *value);
  }
  return out;
}

// "2040-05-26" alone is the usual slip; suggest midnight UTC of that day.
std::string utc_hint(const std::string& text) {
  if (text.size() == 10 && parse_utc(text + "T00:00:00Z"))
    return "write it as " + text + "T00:00:00Z";
  return "write it as YYYY-MM-DDTHH:MM:SSZ, for example 2040-05-26T00:00:00Z";
}

std::optional<UtcTime> read_time(const YamlNode* node, Diagnostics& diagnostics) {
  const auto text = read_name(node, diagnostics);
  if (!text) return std::nullopt;
  if (auto time = parse_utc(*text)) return time;
  report(diagnostics, *node, "not a UTC time; " + utc_hint(*text));
  return std::nullopt;
}

Validity read_validity(const YamlNode* node, StepDraft& draft, Diagnostics& diagnostics) {
  Validity out;
  if (!node) return out;
  MapReader validity(*node, {"not-before", "not-after"}, diagnostics);
  if (!validity.is_mapping()) return out;
  const YamlNode* before_node = validity.required("not-before");
  const YamlNode* after_node = validity.required("not-after");
  note_field(draft, diagnostics, "validity.not-before", before_node);
  note_field(draft, diagnostics, "validity.not-after", after_node);
  if (before_node) out.not_before_position = position_of(diagnostics, *before_node);
  if (after_node) out.not_after_position = position_of(diagnostics, *after_node);
  const auto before = read_time(before_node, diagnostics);
  const auto after = read_time(after_node, diagnostics);
  if (before) out.not_before = *before;
  if (after) out.not_after = *after;
  if (before && after && *after <= *before)
    report(diagnostics, *after_node, "must be after not-before (" + format_utc(*before) + ")");
  return out;
}

std::string read_signature_algorithm(const YamlNode* node, Diagnostics& diagnostics) {
  const auto name = read_name(node, diagnostics);
  if (!name) return {};
  if (signature_key_type(*name)) return *name;
  std::string message = "unknown signature algorithm \"" + *name + "\"; ";
  // Only a difference in case is a typo here: an edit or two away is another hash or padding.
  if (auto guess = nearest(*name, signature_algorithms(), 0))
    message += "did you mean " + std::string(*guess) + "?";
  else
    message += "use one of " + join_words(signature_algorithms());
  report(diagnostics, *node, message);
  return {};
}

}  // namespace

SelfSign parse_self_sign(const YamlNode& body, StepDraft& draft, Diagnostics& diagnostics) {
  SelfSign out;
  MapReader fields(
      body, {"key", "profile", "subject", "validity", "signature-algorithm", "output", "format"},
      diagnostics);
  if (!fields.is_mapping()) return out;
  const YamlNode* key = fields.required("key");
  const YamlNode* profile = fields.required("profile");
  const YamlNode* subject = fields.required("subject");
  const YamlNode* validity = fields.required("validity");
  const YamlNode* algorithm = fields.optional("signature-algorithm");
  const YamlNode* output = fields.required("output");
  const YamlNode* format = fields.optional("format");
  note_field(draft, diagnostics, "key", key);
  note_field(draft, diagnostics, "profile", profile);
  note_field(draft, diagnostics, "subject", subject);
  note_field(draft, diagnostics, "validity", validity);
  note_field(draft, diagnostics, "signature-algorithm", algorithm);
  note_field(draft, diagnostics, "output", output);
  note_field(draft, diagnostics, "format", format);

  if (auto label = read_name(key, diagnostics)) out.key = *label;
  if (auto name = read_name(profile, diagnostics)) {
    if (is_valid_profile_name(*name))
      out.profile = *name;
    else
      report(diagnostics, *profile,
             "\"" + *name + "\" is not a profile name; use lower-case letters, digits and '-'");
  }
  out.subject = read_subject(subject, draft, diagnostics);
  out.validity = read_validity(validity, draft, diagnostics);
  out.signature_algorithm = read_signature_algorithm(algorithm, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
