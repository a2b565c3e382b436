// The generate-key and export-public-key step bodies (backup-key and its kin: steps_backup.cpp).
// Key sizes and curves are the CPS 6.1.5 set; anything else is refused here, before the token is
// touched.
#include <algorithm>

#include "config/suggest.h"
#include "script/names.h"
#include "script/step_fields.h"
#include "script/steps.h"

namespace kr::script {
namespace {

std::optional<KeyType> read_key_type(const config::YamlNode* node,
                                     config::Diagnostics& diagnostics) {
  const auto type = read_name(node, diagnostics);
  if (!type) return std::nullopt;
  if (*type == "rsa") return KeyType::rsa;
  if (*type == "ec") return KeyType::ec;
  report(diagnostics, *node,
         "\"" + *type + "\" is not a key type keyrite generates; use rsa or ec");
  return std::nullopt;
}

std::optional<int> read_bits(const config::YamlNode* node, config::Diagnostics& diagnostics) {
  const auto bits = read_integer(node, diagnostics);
  if (!bits) return std::nullopt;
  const auto sizes = rsa_key_sizes();
  if (std::find(sizes.begin(), sizes.end(), *bits) == sizes.end()) {
    report(diagnostics, *node, "RSA keys must be 2048, 3072 or 4096 bits (CPS 6.1.5)");
    return std::nullopt;
  }
  return static_cast<int>(*bits);
}

std::optional<std::string> read_curve(const config::YamlNode* node,
                                      config::Diagnostics& diagnostics) {
  const auto curve = read_name(node, diagnostics);
  if (!curve) return std::nullopt;
  const auto curves = ec_curves();
  if (std::find(curves.begin(), curves.end(), *curve) != curves.end()) return curve;
  std::string message = "\"" + *curve + "\" is not supported; EC keys must use " +
                        "P-256, P-384 or P-521 (CPS 6.1.5)";
  if (auto nist = curve_alias(*curve))
    message = "write \"" + *curve + "\" as " + std::string(*nist);
  else if (auto guess = config::nearest(*curve, curves))
    message += "; did you mean " + std::string(*guess) + "?";
  report(diagnostics, *node, message);
  return std::nullopt;
}

}  // namespace

GenerateKey parse_generate_key(const config::YamlNode& body, StepDraft& draft,
                               config::Diagnostics& diagnostics) {
  GenerateKey out;
  const StepFields fields(body, "generate-key", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* label = fields["label"];
  const config::YamlNode* type_node = fields["type"];
  const config::YamlNode* bits_node = fields["bits"];
  const config::YamlNode* curve_node = fields["curve"];
  const config::YamlNode* backup_node = fields["backup"];

  if (auto text = read_name(label, diagnostics)) out.label = *text;
  if (auto backup = read_bool(backup_node, diagnostics)) out.backup = *backup;
  const auto type = read_key_type(type_node, diagnostics);
  if (type) {
    out.type = *type;
    draft.key_type = *type;
  }
  // Each type has exactly one size field; the other would be silently ignored, so refuse it.
  // With the type unknown, both are checked on their own terms.
  if (type == KeyType::ec && bits_node)
    report(diagnostics, *bits_node,
           "only RSA keys have bits; an EC key's size follows from its curve");
  else if (auto bits = read_bits(bits_node, diagnostics))
    out.bits = *bits;
  if (type == KeyType::rsa && curve_node)
    report(diagnostics, *curve_node, "only EC keys have a curve; remove it or use type: ec");
  else if (auto curve = read_curve(curve_node, diagnostics))
    out.curve = *curve;
  if (type == KeyType::rsa && !bits_node)
    diagnostics.add(body.line, body.column, body.path + ".bits", "required for RSA keys");
  if (type == KeyType::ec && !curve_node)
    diagnostics.add(body.line, body.column, body.path + ".curve", "required for EC keys");
  return out;
}

ExportPublicKey parse_export_public_key(const config::YamlNode& body, StepDraft& draft,
                                        config::Diagnostics& diagnostics) {
  ExportPublicKey out;
  const StepFields fields(body, "export-public-key", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields["key"];
  const config::YamlNode* output = fields["output"];
  const config::YamlNode* format = fields["format"];
  if (auto label = read_name(key, diagnostics)) out.key = *label;
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
