// Parsers for the script's top-level sections other than steps: keyrite (the format version),
// ceremony, token, roles and quorum.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>

#include "config/reader.h"
#include "script/model.h"

namespace kr::script {

void parse_version(const config::YamlNode* node, Script& script, config::Diagnostics& diagnostics);
void parse_ceremony(const config::YamlNode* node, Script& script, config::Diagnostics& diagnostics);
void parse_token(const config::YamlNode* node, Script& script, config::Diagnostics& diagnostics);
// How many custodians and recovery custodians the script lists (duplicates included); nullopt
// when that is unknown because roles or the list could not be read.
struct RoleCounts {
  std::optional<std::size_t> custodians;
  std::optional<std::size_t> recovery_custodians;
};
RoleCounts parse_roles(const config::YamlNode* node, Script& script,
                       config::Diagnostics& diagnostics);
// Each N must equal the count of the people holding the shares; unchecked when that is unknown.
// Descriptor paths are resolved relative to script_dir.
void parse_quorum(const config::YamlNode* node, const RoleCounts& counts,
                  const std::filesystem::path& script_dir, Script& script,
                  config::Diagnostics& diagnostics);

}  // namespace kr::script
