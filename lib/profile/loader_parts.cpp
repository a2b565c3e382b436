// Reading the validity, subject, key and algorithm sections of a profile file.
#include "profile/loader_parts.h"

#include <algorithm>

#include "x509/name.h"

namespace kr::profile {
namespace {

std::string item(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Period read_period(const YamlSource& src, const YamlNode* node, const std::string& path) {
  MapReader map(src, node, path);
  Period p;
  if (auto n = map.optional("years"); n)
    p.years = read_int(src, n, map.child_path("years"), 0, 100);
  if (auto n = map.optional("months"); n)
    p.months = read_int(src, n, map.child_path("months"), 0, 1200);
  if (auto n = map.optional("days"); n) p.days = read_int(src, n, map.child_path("days"), 0, 36600);
  map.finish();
  if (p.years == 0 && p.months == 0 && p.days == 0)
    yaml_fail(src, node, path, "the period is empty; give years, months or days");
  return p;
}

SubjectRule read_subject_rule(const YamlSource& src, const YamlNode* node) {
  MapReader map(src, node, "subject");
  SubjectRule rule;
  const YamlNode* required = map.required("required");
  const YamlNode* allowed = map.required("allowed");
  rule.required = read_string_list(src, required, "subject.required");
  rule.allowed = read_string_list(src, allowed, "subject.allowed");
  if (auto n = map.optional("cn-not-domain-like"); n)
    rule.cn_not_domain_like = read_bool(src, n, "subject.cn-not-domain-like");
  if (auto n = map.optional("cn-in-san"); n)
    rule.cn_in_san = read_bool(src, n, "subject.cn-in-san");
  const YamlNode* printable = map.optional("printable");
  if (printable) rule.printable = read_string_list(src, printable, "subject.printable");
  map.finish();
  for (std::size_t i = 0; i < rule.printable.size(); ++i)
    if (!contains(rule.allowed, rule.printable[i]))
      yaml_fail(src, element(printable, i), item("subject.printable", i),
                rule.printable[i] + " is not in subject.allowed");
  for (std::size_t i = 0; i < rule.allowed.size(); ++i) {
    const auto& a = rule.allowed[i];
    if (!x509::find_attribute_type(a))
      yaml_fail(src, element(allowed, i), item("subject.allowed", i),
                "\"" + a + "\" is not one of " + x509::attribute_type_names());
    if (std::count(rule.allowed.begin(), rule.allowed.end(), a) > 1)
      yaml_fail(src, element(allowed, i), item("subject.allowed", i), a + " is listed twice");
  }
  for (std::size_t i = 0; i < rule.required.size(); ++i) {
    const auto& r = rule.required[i];
    if (!contains(rule.allowed, r))
      yaml_fail(src, element(required, i), item("subject.required", i),
                r + " is required but not in subject.allowed");
    if (std::count(rule.required.begin(), rule.required.end(), r) > 1)
      yaml_fail(src, element(required, i), item("subject.required", i), r + " is listed twice");
  }
  return rule;
}

std::vector<std::string> read_signature_algorithms(const YamlSource& src, const YamlNode* node) {
  auto names = read_string_list(src, node, "signature-algorithms");
  if (names.empty()) yaml_fail(src, node, "signature-algorithms", "the list is empty");
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string path = item("signature-algorithms", i);
    const x509::SignatureAlgorithm* alg = x509::find_signature_algorithm(names[i]);
    if (!alg)
      yaml_fail(src, element(node, i), path,
                "\"" + names[i] + "\" is not a CPS Appendix A algorithm name");
    if (alg->forbidden)
      yaml_fail(src, element(node, i), path,
                names[i] +
                    " is forbidden: keyrite never signs with MD2, MD4, "
                    "MD5 or SHA-1");
    if (std::count(names.begin(), names.end(), names[i]) > 1)
      yaml_fail(src, element(node, i), path, names[i] + " is listed twice");
  }
  return names;
}

std::vector<KeySpec> read_keys(const YamlSource& src, const YamlNode* node,
                               const std::vector<std::string>& allowed) {
  if (!is_list(node) || node->children.size() == 0)
    yaml_fail(src, node, "keys", "expected a non-empty list of keys");
  std::vector<KeySpec> keys;
  for (std::size_t i = 0; i < node->children.size(); ++i) {
    std::string path = item("keys", i);
    MapReader map(src, element(node, i), path);
    KeySpec spec;
    const YamlNode* type = map.required("type");
    std::string type_text = read_string(src, type, map.child_path("type"));
    if (type_text == "rsa") {
      spec.family = x509::KeyFamily::rsa;
      spec.rsa_bits = read_int(src, map.required("bits"), map.child_path("bits"), 2048, 16384);
    } else if (type_text == "ec") {
      spec.family = x509::KeyFamily::ec;
      const YamlNode* curve = map.required("curve");
      spec.curve = read_string(src, curve, map.child_path("curve"));
      // CPS 6.1.5: the three NIST curves and nothing else.
      if (spec.curve != "P-256" && spec.curve != "P-384" && spec.curve != "P-521")
        yaml_fail(src, curve, map.child_path("curve"), "expected P-256, P-384 or P-521");
    } else {
      yaml_fail(src, type, map.child_path("type"), "expected rsa or ec");
    }
    const YamlNode* def = map.required("default-signature-algorithm");
    std::string def_path = map.child_path("default-signature-algorithm");
    spec.default_signature_algorithm = read_string(src, def, def_path);
    map.finish();
    if (!contains(allowed, spec.default_signature_algorithm))
      yaml_fail(src, def, def_path,
                spec.default_signature_algorithm + " is not in signature-algorithms");
    if (x509::find_signature_algorithm(spec.default_signature_algorithm)->family != spec.family)
      yaml_fail(
          src, def, def_path,
          spec.default_signature_algorithm + " cannot be made with a " + spec.text() + " key");
    for (const auto& k : keys)
      if (k.text() == spec.text())
        yaml_fail(src, element(node, i), path, spec.text() + " is listed twice");
    keys.push_back(std::move(spec));
  }
  return keys;
}

std::string KeySpec::text() const {
  return family == x509::KeyFamily::rsa ? "RSA " + std::to_string(rsa_bits) + "-bit" : curve;
}

}  // namespace kr::profile
