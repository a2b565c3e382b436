// Parsers for the script's top-level sections other than steps: keyrite (the format version),
// ceremony, token, roles and quorum.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>

#include "script/model.h"
#include "script/reader.h"

namespace kr::script {

void parse_version(const YamlNode* node, Script& script, Diagnostics& diagnostics);
void parse_ceremony(const YamlNode* node, Script& script, Diagnostics& diagnostics);
void parse_token(const YamlNode* node, Script& script, Diagnostics& diagnostics);
// How many custodians and recovery custodians the script lists (duplicates included); nullopt
// when that is unknown because roles or the list could not be read.
struct RoleCounts {
  std::optional<std::size_t> custodians;
  std::optional<std::size_t> recovery_custodians;
};
RoleCounts parse_roles(const YamlNode* node, Script& script, Diagnostics& diagnostics);
// Each N must equal the count of the people holding the shares; unchecked when that is unknown.
// Descriptor paths are resolved relative to script_dir.
void parse_quorum(const YamlNode* node, const RoleCounts& counts,
                  const std::filesystem::path& script_dir, Script& script,
                  Diagnostics& diagnostics);

}  // namespace kr::script
