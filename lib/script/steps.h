// Parsing the "steps" list: each step's id and its one kind, with the body's fields and their
// positions. Cross-step rules (references, labels, outputs) are in check_steps.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "script/model.h"
#include "script/reader.h"

namespace kr::script {

// A step as parsed, with what the cross-step checks need to know about how far parsing got.
struct StepDraft {
  Step step;
  bool has_body = false;                // exactly one kind, given as a mapping
  std::optional<Position> id_position;  // set when the id was valid
  std::optional<KeyType> key_type;      // generate-key whose type was valid
};

std::vector<StepDraft> parse_steps(const YamlNode* node, Diagnostics& diagnostics);

// Body parsers, one per kind (steps_keys.cpp, steps_self_sign.cpp). `body` is the kind's value.
GenerateKey parse_generate_key(const YamlNode& body, StepDraft& draft, Diagnostics& diagnostics);
SelfSign parse_self_sign(const YamlNode& body, StepDraft& draft, Diagnostics& diagnostics);
ExportPublicKey parse_export_public_key(const YamlNode& body, StepDraft& draft,
                                        Diagnostics& diagnostics);

// Fields several kinds share.
// Records where `field` (a path relative to the body, "validity.not-after") was written.
void note_field(StepDraft& draft, const Diagnostics& diagnostics, const std::string& field,
                const YamlNode* node);
// A relative path inside the output directory: not absolute, no "..", naming a file.
std::optional<std::string> read_output(const YamlNode* node, Diagnostics& diagnostics);
// "pem" (the default when absent) or "der".
OutputFormat read_format(const YamlNode* node, Diagnostics& diagnostics);

}  // namespace kr::script
