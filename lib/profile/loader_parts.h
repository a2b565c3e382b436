// The sections of a profile file, each read strictly (see profile.h for the format).
#pragma once

#include <string>
#include <vector>

#include "profile/profile.h"
#include "profile/yaml_reader.h"

namespace kr::profile {

Period read_period(const YamlSource& src, const YAML::Node& node, const std::string& path);
SubjectRule read_subject_rule(const YamlSource& src, const YAML::Node& node);
// Appendix A names only; forbidden (MD2/MD4/MD5/SHA-1) and repeated names are errors.
std::vector<std::string> read_signature_algorithms(const YamlSource& src, const YAML::Node& node);
// Each default algorithm must be in `allowed` and made by that kind of key.
std::vector<KeySpec> read_keys(const YamlSource& src, const YAML::Node& node,
                               const std::vector<std::string>& allowed);
std::vector<x509::ExtensionSpec> read_extensions(const YamlSource& src, const YAML::Node& node);

}  // namespace kr::profile
