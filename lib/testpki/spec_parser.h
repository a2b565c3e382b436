// The strict reader of kr-testpki spec files, on the YAML layer ceremony scripts and profiles are
// read with (config/yaml_tree.h): unknown keys (with "did you mean"), wrong types, duplicate keys,
// anchors and aliases, bad durations, unknown issuers, cycles, a leaf as issuer and duplicate names
// are all reported at once as "FILE:LINE:COLUMN: YAML.PATH: message" (config::ConfigError).
#pragma once

#include <filesystem>
#include <string_view>

#include "testpki/spec.h"

namespace kr::testpki {

Spec parse_spec_file(const std::filesystem::path& file);
// `file` only names the text in messages.
Spec parse_spec_text(std::string_view text, const std::string& file);

}  // namespace kr::testpki
