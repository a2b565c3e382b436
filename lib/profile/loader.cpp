// load_profile: the top level of a profile file. Keys and extensions are read in
// loader_parts.cpp; this file checks that the parts agree with each other.
#include <algorithm>

#include "profile/loader_parts.h"
#include "profile/profile.h"
#include "util/data_dir.h"
#include "util/error.h"

namespace kr::profile {
namespace {

bool valid_word(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// "root-ca" or "cabf-br/root-ca": one optional set folder, never "..".
bool valid_profile_name(const std::string& name) {
  auto slash = name.find('/');
  if (slash == std::string::npos) return valid_word(name);
  return valid_word(name.substr(0, slash)) && valid_word(name.substr(slash + 1));
}

IssuerRule read_issuer(const YamlSource& src, const YamlNode* node) {
  std::string text = read_string(src, node, "issuer");
  if (text == "self") return IssuerRule::self;
  if (text == "issuer-certificate") return IssuerRule::issuer_certificate;
  yaml_fail(src, node, "issuer", "expected self or issuer-certificate");
}

SerialRule read_serial(const YamlSource& src, const YamlNode* node) {
  MapReader map(src, node, "serial");
  SerialRule rule;
  rule.min_random_bits =
      read_int(src, map.required("min-random-bits"), "serial.min-random-bits", 1, 159);
  rule.max_octets = read_int(src, map.required("max-octets"), "serial.max-octets", 1, 20);
  map.finish();
  // A serial keyrite makes has 127 random bits in 16 octets; a rule it cannot meet is a typo.
  if (rule.min_random_bits > 127)
    yaml_fail(src, map.node(), "serial", "min-random-bits is more than keyrite's 127-bit serials");
  if (rule.max_octets < 16)
    yaml_fail(src, map.node(), "serial", "max-octets is less than keyrite's 16-octet serials");
  return rule;
}

}  // namespace

std::filesystem::path default_profiles_dir() {
  return data_dir() / "profiles";
}

std::string profile_in_set(const std::string& set, const std::string& name) {
  return set.empty() || set == "cps" ? name : set + "/" + name;
}

std::filesystem::path profile_set_dir(const std::filesystem::path& profiles_dir,
                                      const std::string& set) {
  if (set.empty() || set == "cps") return profiles_dir;
  if (!valid_word(set)) throw Error("profile set \"" + set + "\" may only hold a-z, 0-9 and '-'");
  return profiles_dir / set;
}

Profile load_profile(const std::filesystem::path& profiles_dir, const std::string& name) {
  if (!valid_profile_name(name))
    throw Error("profile name \"" + name +
                "\" may only hold a-z, 0-9 and '-', with one '/' after a profile set");
  std::filesystem::path file = profiles_dir / (name + ".yaml");
  YamlSource src{file.string()};
  YamlNode root = parse_profile_file(file);
  MapReader map(src, &root, "");

  const YamlNode* version = map.required("keyrite-profile");
  read_int(src, version, "keyrite-profile", 1, 1);
  Profile p;
  p.source = file;
  const YamlNode* name_node = map.required("name");
  p.name = read_string(src, name_node, "name");
  std::string stem = file.stem().string();
  if (p.name != stem)
    yaml_fail(src, name_node, "name", "is \"" + p.name + "\" but the file is " + stem + ".yaml");
  p.name = name;  // with its set: "cabf-br/root-ca"
  const YamlNode* kind = map.required("kind");
  if (read_string(src, kind, "kind") != "certificate")
    yaml_fail(src, kind, "kind", "only certificate profiles exist so far");
  p.description = read_string(src, map.required("description"), "description");
  p.issuer = read_issuer(src, map.required("issuer"));
  {
    MapReader validity(src, map.required("validity"), "validity");
    p.max_validity = read_period(src, validity.required("max"), "validity.max");
    validity.finish();
  }
  p.serial = read_serial(src, map.required("serial"));
  p.subject = read_subject_rule(src, map.required("subject"));
  const YamlNode* algs = map.required("signature-algorithms");
  p.signature_algorithms = read_signature_algorithms(src, algs);
  p.keys = read_keys(src, map.required("keys"), p.signature_algorithms);
  const YamlNode* extensions = map.required("extensions");
  p.extensions = read_extensions(src, extensions);
  const YamlNode* settings = map.optional("settings");
  if (settings) p.settings = read_settings(src, settings);
  const YamlNode* cross = map.optional("cross-certificate");
  if (cross) p.cross_certificate = read_bool(src, cross, "cross-certificate");
  map.finish();
  check_settings_fit(src, settings, extensions, p);
  if (p.cross_certificate && p.issuer != IssuerRule::issuer_certificate)
    yaml_fail(src, cross, "cross-certificate",
              "a cross-certificate needs issuer: issuer-certificate");
  return p;
}

}  // namespace kr::profile
