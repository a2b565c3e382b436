// Fields several step kinds share: output, format, profile, subject, validity, times, signature
// algorithm, input files, issuer references and revocation reasons.
#include <algorithm>
#include <filesystem>

#include "config/suggest.h"
#include "script/field_parts.h"
#include "script/names.h"
#include "script/steps.h"

namespace kr::script {
namespace {

// RFC 5280 Appendix A and X.520 upper bounds: 128 for the place names and businessCategory, 64
// for the rest (ub-common-name, ub-organization-name, ub-serial-number).
std::size_t max_attribute_length(std::string_view type) {
  for (std::string_view long_type :
       {"ST", "L", "businessCategory", "jurisdictionST", "jurisdictionL"})
    if (type == long_type) return 128;
  return 64;
}

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

// "2040-05-26" alone is the usual slip; suggest midnight UTC of that day.
std::string utc_hint(const std::string& text) {
  if (text.size() == 10 && parse_utc(text + "T00:00:00Z"))
    return "write it as " + text + "T00:00:00Z";
  return "write it as YYYY-MM-DDTHH:MM:SSZ, for example 2040-05-26T00:00:00Z";
}

}  // namespace

void note_field(StepDraft& draft, const config::Diagnostics& diagnostics, const std::string& field,
                const config::YamlNode* node) {
  if (node) draft.step.field_positions.emplace_back(field, position_of(diagnostics, *node));
}

std::optional<std::string> read_output(const config::YamlNode* node,
                                       config::Diagnostics& diagnostics) {
  auto output = read_name(node, diagnostics);
  if (!output) return std::nullopt;
  const std::filesystem::path path(*output);
  if (path.is_absolute()) {
    report(diagnostics, *node,
           config::quote(*output) + " is absolute; give a path relative to the output directory");
    return std::nullopt;
  }
  for (const auto& part : path) {
    if (part == "..") {
      report(diagnostics, *node,
             config::quote(*output) +
                 " leaves the output directory; \"..\" is not allowed in an output path");
      return std::nullopt;
    }
  }
  if (!path.lexically_normal().has_filename()) {
    report(diagnostics, *node, config::quote(*output) + " names a directory, not a file");
    return std::nullopt;
  }
  return output;
}

std::optional<std::string> read_output_dir(const config::YamlNode* node,
                                           config::Diagnostics& diagnostics) {
  auto output = read_name(node, diagnostics);
  if (!output) return std::nullopt;
  const std::filesystem::path path(*output);
  if (path.is_absolute()) {
    report(
        diagnostics, *node,
        config::quote(*output) + " is absolute; give a directory relative to the output directory");
    return std::nullopt;
  }
  for (const auto& part : path) {
    if (part == "..") {
      report(diagnostics, *node,
             config::quote(*output) +
                 " leaves the output directory; \"..\" is not allowed in an output path");
      return std::nullopt;
    }
  }
  return output;
}

std::optional<bool> read_bool(const config::YamlNode* node, config::Diagnostics& diagnostics) {
  if (!node || node->reported) return std::nullopt;
  if (node->kind == config::YamlNode::Kind::scalar && !node->quoted &&
      (node->value == "true" || node->value == "false"))
    return node->value == "true";
  report(diagnostics, *node, "must be true or false");
  return std::nullopt;
}

OutputFormat read_format(const config::YamlNode* node, config::Diagnostics& diagnostics) {
  const auto format = read_name(node, diagnostics);
  if (!format || *format == "pem") return OutputFormat::pem;
  if (*format == "der") return OutputFormat::der;
  report(diagnostics, *node, config::quote(*format) + " is not a format; use pem or der");
  return OutputFormat::pem;
}

std::optional<std::string> read_profile(const config::YamlNode* node,
                                        config::Diagnostics& diagnostics) {
  auto name = read_name(node, diagnostics);
  if (!name || is_valid_profile_name(*name)) return name;
  report(diagnostics, *node,
         config::quote(*name) +
             " is not a profile name; use lower-case letters, digits and '-', with one '/' "
             "after a profile set (cabf-br/root-ca)");
  return std::nullopt;
}

DistinguishedName read_subject(const config::YamlNode* node, StepDraft& draft,
                               config::Diagnostics& diagnostics, const std::string& field) {
  DistinguishedName out;
  if (!node) return out;
  // Read in the order written (a subject is ordered), so through the table only for its keys.
  const TableReader subject(*node, field_parts_table(), "subject", diagnostics);
  if (!subject.is_mapping()) return out;
  if (node->children.empty()) report(diagnostics, *node, "must name at least one attribute");
  for (const config::YamlNode& attribute : node->children) {
    note_field(draft, diagnostics, field + "." + attribute.key, &attribute);
    const auto value = read_name(&attribute, diagnostics);
    if (!value) continue;
    if ((attribute.key == "C" || attribute.key == "jurisdictionC") && !is_country_code(*value)) {
      report(diagnostics, attribute,
             "must be two upper-case letters (an ISO 3166 country code), found " +
                 config::quote(*value));
      continue;
    }
    const std::size_t bound = max_attribute_length(attribute.key);
    if (const auto length = utf8_characters(*value); length > bound) {
      report(diagnostics, attribute,
             "is " + std::to_string(length) + " characters long; at most " + std::to_string(bound) +
                 " are allowed");
      continue;
    }
    out.emplace_back(attribute.key, *value);
  }
  return out;
}

std::optional<UtcTime> read_time(const config::YamlNode* node, config::Diagnostics& diagnostics) {
  const auto text = read_name(node, diagnostics);
  if (!text) return std::nullopt;
  if (auto time = parse_utc(*text)) return time;
  report(diagnostics, *node, "not a UTC time; " + utc_hint(*text));
  return std::nullopt;
}

Validity read_validity(const config::YamlNode* node, StepDraft& draft,
                       config::Diagnostics& diagnostics) {
  Validity out;
  if (!node) return out;
  const TableReader validity(*node, field_parts_table(), "validity", diagnostics);
  if (!validity.is_mapping()) return out;
  const config::YamlNode* before_node = validity.required("not-before");
  const config::YamlNode* after_node = validity.required("not-after");
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

std::string read_signature_algorithm(const config::YamlNode* node,
                                     config::Diagnostics& diagnostics) {
  const auto name = read_name(node, diagnostics);
  if (!name) return {};
  if (signature_key_type(*name)) return *name;
  std::string message = "unknown signature algorithm " + config::quote(*name) + "; ";
  // Only a difference in case is a typo here: an edit or two away is another hash or padding.
  if (auto guess = config::nearest(*name, signature_algorithms(), 0))
    message += "did you mean " + std::string(*guess) + "?";
  else
    message += "use one of " + config::join_words(signature_algorithms());
  report(diagnostics, *node, message);
  return {};
}

std::optional<InputFile> read_input(const config::YamlNode* node,
                                    config::Diagnostics& diagnostics) {
  auto path = read_name(node, diagnostics);
  if (!path) return std::nullopt;
  InputFile out;
  out.path = std::move(*path);
  out.position = position_of(diagnostics, *node);
  return out;
}

std::optional<std::string> read_key_reference(const config::YamlNode* node, StepDraft& draft,
                                              config::Diagnostics& diagnostics) {
  if (!node || node->kind != config::YamlNode::Kind::mapping) return read_name(node, diagnostics);
  const TableReader fields(*node, field_parts_table(), "key", diagnostics);
  const config::YamlNode* label = fields.required("label");
  const config::YamlNode* imported = fields.optional("imported");
  auto name = read_name(label, diagnostics);
  auto flag = read_bool(imported, diagnostics);
  if (name && flag && *flag) draft.step.imported_keys.push_back(*name);
  return name;
}

IssuerRef read_issuer(const config::YamlNode* node, const std::string& field, StepDraft& draft,
                      config::Diagnostics& diagnostics) {
  IssuerRef out;
  if (!node) return out;
  out.position = position_of(diagnostics, *node);
  const TableReader issuer(*node, field_parts_table(), "issuer", diagnostics);
  if (!issuer.is_mapping()) return out;
  const config::YamlNode* key = issuer.required("key");
  const config::YamlNode* certificate = issuer.required("certificate");
  note_field(draft, diagnostics, field + ".key", key);
  note_field(draft, diagnostics, field + ".certificate", certificate);
  if (auto label = read_key_reference(key, draft, diagnostics)) out.key = *label;
  if (auto file = read_input(certificate, diagnostics)) out.certificate = std::move(*file);
  return out;
}

std::optional<RevocationReason> read_reason(const config::YamlNode* node,
                                            config::Diagnostics& diagnostics) {
  const auto name = read_name(node, diagnostics);
  if (!name) return std::nullopt;
  for (RevocationReason reason : revocation_reasons())
    if (*name == revocation_reason_name(reason)) return reason;
  if (*name == "unspecified") {
    report(diagnostics, *node,
           "\"unspecified\" is not used (RFC 5280 5.3.1); leave reason out instead");
    return std::nullopt;
  }
  std::string message = config::quote(*name) + " is not a revocation reason; ";
  if (auto guess = config::nearest(*name, revocation_reason_names()))
    message += "did you mean " + std::string(*guess) + "?";
  else
    message += "use one of " + config::join_words(revocation_reason_names());
  report(diagnostics, *node, message);
  return std::nullopt;
}

std::vector<std::string> read_subject_printable(const config::YamlNode* node,
                                                const DistinguishedName& subject,
                                                config::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  auto names = node ? read_string_list(node, diagnostics) : std::nullopt;
  if (!names) return out;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& name = (*names)[i];
    bool in_subject =
        subject.empty() ||
        std::any_of(subject.begin(), subject.end(), [&](const auto& a) { return a.first == name; });
    if (std::find(out.begin(), out.end(), name) != out.end())
      report(diagnostics, node->children[i], config::quote(name) + " is listed twice");
    else if (!in_subject)
      report(diagnostics, node->children[i], "the subject has no " + name);
    else
      out.push_back(name);
  }
  return out;
}

}  // namespace kr::script
