// Parsers for the script's top-level sections other than steps: keyrite (the format version),
// ceremony, token, roles and quorum.
#pragma once

#include <cstddef>
#include <optional>

#include "script/model.h"
#include "script/reader.h"

namespace kr::script {

void parse_version(const YamlNode* node, Script& script, Diagnostics& diagnostics);
void parse_ceremony(const YamlNode* node, Script& script, Diagnostics& diagnostics);
void parse_token(const YamlNode* node, Script& script, Diagnostics& diagnostics);
// Returns how many custodians the script lists (duplicates included), or nullopt when that is
// unknown because roles or custodians could not be read.
std::optional<std::size_t> parse_roles(const YamlNode* node, Script& script,
                                       Diagnostics& diagnostics);
// N must equal the custodian count parse_roles returned; unchecked when that is unknown.
void parse_quorum(const YamlNode* node, std::optional<std::size_t> custodians, Script& script,
                  Diagnostics& diagnostics);

}  // namespace kr::script
