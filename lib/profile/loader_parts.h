// The sections of a profile file, each read strictly (see profile.h for the format).
#pragma once

#include <string>
#include <vector>

#include "profile/profile.h"
#include "profile/yaml_reader.h"

namespace kr::profile {

Period read_period(const YamlSource& src, const YamlNode* node, const std::string& path);
SubjectRule read_subject_rule(const YamlSource& src, const YamlNode* node);
// Appendix A names only; forbidden (MD2/MD4/MD5/SHA-1) and repeated names are errors.
std::vector<std::string> read_signature_algorithms(const YamlSource& src, const YamlNode* node);
// Each default algorithm must be in `allowed` and made by that kind of key.
std::vector<KeySpec> read_keys(const YamlSource& src, const YamlNode* node,
                               const std::vector<std::string>& allowed);
std::vector<x509::ExtensionSpec> read_extensions(const YamlSource& src, const YamlNode* node);
// certificate-policies, authority-info-access, crl-distribution-points, extended-key-usage,
// ocsp-no-check, subject-alt-name (loader_extension_kinds.cpp).
x509::ExtensionValue read_value_extension(const YamlSource& src, const std::string& kind,
                                          MapReader& map, bool optional);
// The settings list (loader_settings.cpp).
std::vector<SettingRule> read_settings(const YamlSource& src, const YamlNode* node);
// Fails when settings and extensions do not fit together: a setting for an extension the profile
// lacks, or an extension that needs values (URLs, policies, names) with neither a default nor a
// setting that could supply them.
void check_settings_fit(const YamlSource& src, const YamlNode* settings_node,
                        const YamlNode* extensions_node, const Profile& p);

}  // namespace kr::profile
