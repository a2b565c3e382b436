// load_crl_profile: a CRL profile file read with the certificate profiles' strict YAML reader.
#include "profile/crl_profile.h"

#include <algorithm>

#include "profile/loader_parts.h"
#include "util/error.h"

namespace kr::profile {
namespace {

std::vector<x509::CrlReason> read_reasons(const YamlSource& src, const YamlNode* node) {
  auto names = read_string_list(src, node, "reasons");
  std::vector<x509::CrlReason> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string path = "reasons[" + std::to_string(i) + "]";
    auto reason = x509::crl_reason_from_name(names[i]);
    if (!reason)
      yaml_fail(src, element(node, i), path,
                "\"" + names[i] + "\" is not an RFC 5280 CRLReason name");
    if (*reason == x509::CrlReason::unspecified)
      yaml_fail(src, element(node, i), path,
                "unspecified is never written: RFC 5280 5.3.1 omits the reasonCode instead");
    if (*reason == x509::CrlReason::certificate_hold)
      yaml_fail(src, element(node, i), path,
                "certificateHold is refused: keyrite does not suspend certificates (CPS 4.9.13)");
    if (*reason == x509::CrlReason::remove_from_crl)
      yaml_fail(src, element(node, i), path,
                "removeFromCRL is refused: it belongs to delta CRLs, which keyrite does not make");
    if (std::find(out.begin(), out.end(), *reason) != out.end())
      yaml_fail(src, element(node, i), path, names[i] + " is listed twice");
    out.push_back(*reason);
  }
  return out;
}

}  // namespace

CrlProfile load_crl_profile(const std::filesystem::path& profiles_dir, const std::string& name) {
  bool valid_name = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!valid_name) throw Error("profile name \"" + name + "\" may only hold a-z, 0-9 and '-'");
  std::filesystem::path file = profiles_dir / (name + ".yaml");
  YamlSource src{file.string()};
  YamlNode root = parse_profile_file(file);
  MapReader map(src, &root, "");

  read_int(src, map.required("keyrite-profile"), "keyrite-profile", 1, 1);
  CrlProfile p;
  p.source = file;
  const YamlNode* name_node = map.required("name");
  p.name = read_string(src, name_node, "name");
  if (p.name != name)
    yaml_fail(src, name_node, "name", "is \"" + p.name + "\" but the file is " + name + ".yaml");
  const YamlNode* kind = map.required("kind");
  std::string kind_text = read_string(src, kind, "kind");
  if (kind_text != "crl")
    yaml_fail(src, kind, "kind", "is \"" + kind_text + "\"; a CRL profile has kind: crl");
  p.description = read_string(src, map.required("description"), "description");
  {
    MapReader interval(src, map.required("interval"), "interval");
    p.max_interval = read_period(src, interval.required("max"), "interval.max");
    interval.finish();
  }
  p.reasons = read_reasons(src, map.required("reasons"));
  p.signature_algorithms = read_signature_algorithms(src, map.required("signature-algorithms"));
  map.finish();
  return p;
}

}  // namespace kr::profile
