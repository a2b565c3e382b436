// Reading a spec: the YAML tree, each node's fields, then the checks across nodes (names,
// issuers, cycles). Everything goes into one Diagnostics, so a spec's problems come in one run.
#include "testpki/spec_parser.h"

#include <algorithm>
#include <fstream>
#include <map>

#include "config/reader.h"
#include "config/yaml_tree.h"
#include "testpki/defects.h"
#include "testpki/expand.h"
#include "util/error.h"
#include "x509/crl_reason.h"
#include "x509/key_purposes.h"

namespace kr::testpki {
namespace {

using config::Diagnostics;
using config::MapReader;
using config::position_of;
using config::read_integer;
using config::read_name;
using config::read_string;
using config::read_string_list;
using config::report;
using config::YamlNode;

constexpr std::size_t kMaxSpecBytes = 1 << 20;
constexpr int kMaxCount = 1'000'000;

std::optional<TimeSpec> read_time(const config::YamlNode* node, config::Diagnostics& d) {
  auto text = read_string(node, d);
  if (!text) return std::nullopt;
  TimeSpec t;
  if (auto at = parse_utc(*text)) {
    t.absolute = true;
    t.at = *at;
    return t;
  }
  if (*text == "0") return t;
  if (auto offset = parse_duration(*text)) {
    t.offset = *offset;
    return t;
  }
  report(d, *node,
         "\"" + *text +
             "\" is neither a UTC time (YYYY-MM-DDTHH:MM:SSZ) nor a duration from the "
             "reference time (-1d, 90d, 2h, 10y: s, m, h, d, w or y)");
  return std::nullopt;
}

ValiditySpec read_validity(const config::YamlNode& node, config::Diagnostics& d) {
  ValiditySpec v;
  v.position = position_of(d, node);
  config::MapReader map(node, {"not-before", "not-after", "lifetime"}, d);
  if (!map.is_mapping()) return v;
  if (auto* nb = map.optional("not-before"))
    if (auto t = read_time(nb, d)) v.not_before = *t;
  if (auto* na = map.optional("not-after")) v.not_after = read_time(na, d);
  if (auto* life = map.optional("lifetime")) {
    if (auto text = read_string(life, d)) {
      auto seconds = parse_duration(*text);
      if (!seconds || *seconds <= 0 || (*text)[0] == '-' || (*text)[0] == '+')
        report(d, *life, "\"" + *text + "\" is not a lifetime (a positive duration: 90d, 2y, 12h)");
      else
        v.lifetime = seconds;
    }
  }
  if (map.optional("not-after") && map.optional("lifetime"))
    report(d, node, "give not-after or lifetime, not both");
  return v;
}

std::vector<std::pair<std::string, std::string>> read_subject(const config::YamlNode& node,
                                                              config::Diagnostics& d) {
  std::vector<std::pair<std::string, std::string>> out;
  if (node.kind != config::YamlNode::Kind::mapping) {
    report(d, node, "expected a mapping of attributes (C, O, CN, ...), found " + describe(node));
    return out;
  }
  for (const auto& child : node.children)
    if (auto value = read_name(&child, d)) out.emplace_back(child.key, *value);
  return out;
}

std::vector<std::string> list(const config::MapReader& map, std::string_view key,
                              config::Diagnostics& d) {
  auto* node = map.optional(key);
  if (!node) return {};
  auto value = read_string_list(node, d);
  return value ? *value : std::vector<std::string>{};
}

NodeSpec read_node(const config::YamlNode& node, const std::string& default_password,
                   config::Diagnostics& d) {
  NodeSpec n;
  n.position = position_of(d, node);
  MapReader map(
      node,
      {"name",     "kind",  "issuer", "certifies", "key",      "profile",     "subject",
       "dns",      "ip",    "email",  "eku",       "policies", "path-length", "signature-algorithm",
       "validity", "count", "ocsp",   "revoked",   "defect",   "outputs",     "pkcs12-password",
       "base-url"},
      d);
  if (!map.is_mapping()) return n;
  auto at = [&](const config::YamlNode* y) { return y ? position_of(d, *y) : n.position; };

  const config::YamlNode* name = map.required("name");
  if (auto v = read_name(name, d)) n.name = *v;
  n.name_position = at(name);
  if (!n.name.empty() && n.name.find_first_of("/\\") != std::string::npos)
    report(d, *name, "a node name becomes a file name: no '/' or '\\'");

  if (const config::YamlNode* kind = map.required("kind")) {
    auto v = read_string(kind, d);
    if (v == "root")
      n.kind = NodeKind::root;
    else if (v == "intermediate")
      n.kind = NodeKind::intermediate;
    else if (v == "cross")
      n.kind = NodeKind::cross;
    else if (v == "leaf")
      n.kind = NodeKind::leaf;
    else if (v)
      report(d, *kind, "kind is root, intermediate, cross or leaf, not \"" + *v + "\"");
  }
  const config::YamlNode* issuer = map.optional("issuer");
  if (issuer) n.issuer = read_name(issuer, d).value_or("");
  n.issuer_position = at(issuer);
  const config::YamlNode* certifies = map.optional("certifies");
  if (certifies) n.certifies = read_name(certifies, d).value_or("");
  n.certifies_position = at(certifies);

  const config::YamlNode* key = map.optional("key");
  n.key_position = at(key);
  if (auto v = read_string(key, d)) {
    if (auto k = parse_key_spec(*v))
      n.key = *k;
    else
      report(d, *key,
             "key is RSA-2048, RSA-3072, RSA-4096, P-256, P-384 or P-521, not \"" + *v + "\"");
  }
  const config::YamlNode* profile = map.optional("profile");
  n.profile_position = at(profile);
  if (auto v = read_name(profile, d)) n.profile = *v;
  if (const config::YamlNode* subject = map.optional("subject")) {
    n.subject_position = at(subject);
    n.subject = read_subject(*subject, d);
  } else {
    n.subject_position = n.position;
  }
  n.dns = list(map, "dns", d);
  n.ip = list(map, "ip", d);
  n.email = list(map, "email", d);
  const YamlNode* san = map.optional("dns")  ? map.optional("dns")
                        : map.optional("ip") ? map.optional("ip")
                                             : map.optional("email");
  n.san_position = at(san);
  n.eku = list(map, "eku", d);
  for (std::size_t i = 0; i < n.eku.size(); ++i)
    if (!x509::key_purpose_oid(n.eku[i]))
      report(d, map.optional("eku")->children[i],
             "\"" + n.eku[i] +
                 "\" is not a key purpose keyrite knows (serverAuth, clientAuth, "
                 "codeSigning, emailProtection, timeStamping, OCSPSigning, ...)");
  n.policies = list(map, "policies", d);
  if (auto* pl = map.optional("path-length"))
    if (auto v = read_integer(pl, d)) {
      if (*v < 0 || *v > 10)
        report(d, *pl, "path-length is 0 to 10");
      else
        n.path_length = static_cast<int>(*v);
    }
  if (auto v = read_name(map.optional("signature-algorithm"), d)) n.signature_algorithm = *v;
  if (auto* validity = map.optional("validity"))
    n.validity = read_validity(*validity, d);
  else
    n.validity.position = n.position;

  const config::YamlNode* count = map.optional("count");
  n.count_position = at(count);
  if (auto v = read_integer(count, d)) {
    if (*v < 1 || *v > kMaxCount)
      report(d, *count, "count is 1 to 1000000");
    else
      n.count = static_cast<int>(*v);
  }
  if (auto* ocsp = map.optional("ocsp")) {
    auto v = read_string(ocsp, d);
    if (v == "true" && !ocsp->quoted)
      n.ocsp = true;
    else if (!(v == "false" && !ocsp->quoted))
      report(d, *ocsp, "ocsp is true or false");
  }
  if (auto* revoked = map.optional("revoked")) {
    RevocationSpec r;
    r.position = position_of(d, *revoked);
    if (revoked->kind == config::YamlNode::Kind::scalar && revoked->value == "true" &&
        !revoked->quoted) {
      n.revoked = r;
    } else if (revoked->kind == config::YamlNode::Kind::mapping) {
      config::MapReader rm(*revoked, {"reason"}, d);
      if (auto* reason = rm.optional("reason")) {
        r.reason = read_string(reason, d).value_or("");
        auto parsed = x509::crl_reason_from_name(r.reason);
        if (!parsed || *parsed == x509::CrlReason::unspecified ||
            *parsed == x509::CrlReason::certificate_hold ||
            *parsed == x509::CrlReason::remove_from_crl)
          report(d, *reason,
                 "\"" + r.reason +
                     "\" is not a reason keyrite writes (keyCompromise, "
                     "cACompromise, affiliationChanged, superseded, "
                     "cessationOfOperation, privilegeWithdrawn)");
      }
      n.revoked = r;
    } else if (!(revoked->kind == config::YamlNode::Kind::scalar && revoked->value == "false")) {
      report(d, *revoked, "revoked is true, false or {reason: NAME}");
    }
  }
  const config::YamlNode* defect = map.optional("defect");
  n.defect_position = at(defect);
  if (auto v = read_name(defect, d)) {
    n.defect = *v;
    if (!find_defect(*v))
      report(d, *defect, "unknown defect \"" + *v + "\"; the catalogue: " + defect_names());
  }
  const config::YamlNode* outputs = map.optional("outputs");
  n.outputs_position = at(outputs);
  if (outputs) {
    n.outputs_explicit = true;
    n.outputs = list(map, "outputs", d);
    for (const auto& o : n.outputs)
      if (std::find(output_kinds().begin(), output_kinds().end(), o) == output_kinds().end())
        report(d, *outputs,
               "unknown output \"" + o + "\"; outputs are crt, der, key, chain, fullchain, p12");
  } else {
    n.outputs = output_kinds();
  }
  const YamlNode* base_url = map.optional("base-url");
  n.base_url_position = at(base_url);
  if (auto v = read_string(base_url, d)) {
    std::string url = *v;
    while (!url.empty() && url.back() == '/') url.pop_back();
    const bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    if (!http || url.find_first_of(" \t\n\"<>") != std::string::npos ||
        url.size() <= url.find("//") + 2)
      report(d, *base_url,
             "base-url is an http:// or https:// URL (the output directory served "
             "over HTTP), not \"" +
                 *v + "\"");
    else
      n.base_url = url;
  }
  n.pkcs12_password = default_password;
  if (auto v = read_string(map.optional("pkcs12-password"), d)) n.pkcs12_password = *v;
  return n;
}

// The first instance name of `n` (smallest n) that a node in `earlier` also makes, found without
// listing every copy's name: a count of 100,000 would hold them all in memory.
std::optional<std::string> made_twice(const NodeSpec& n,
                                      const std::vector<const NodeSpec*>& earlier) {
  const bool bulk = n.count > 1;
  std::optional<int> first;
  for (const NodeSpec* e : earlier) {
    if (!bulk) {
      if (instance_number(e->name, e->count, expand(n.name, 1))) return expand(n.name, 1);
    } else if (e->count == 1) {
      if (auto i = instance_number(n.name, n.count, expand(e->name, 1));
          i && (!first || *i < *first))
        first = i;
    } else {
      for (int i = 1; i <= n.count && (!first || i < *first); ++i)
        if (instance_number(e->name, e->count, expand(n.name, i))) {
          first = i;
          break;
        }
    }
  }
  return first ? std::optional<std::string>(expand(n.name, *first)) : std::nullopt;
}

// The checks that need every node: names, issuers, cycles, what each kind may have.
void check_nodes(Spec& spec, config::Diagnostics& d) {
  std::map<std::string, const NodeSpec*> by_name;
  std::vector<const NodeSpec*> named;  // nodes whose instance names are checked, in order
  for (const auto& n : spec.nodes) {
    if (n.name.empty()) continue;
    if (!by_name.emplace(n.name, &n).second) {
      d.add(n.name_position, "duplicate node name \"" + n.name + "\"");
      continue;
    }
    if (n.count > 1 && n.name.find("{n}") == std::string::npos)
      d.add(n.count_position, "count " + std::to_string(n.count) +
                                  " needs {n} in the name, or every copy would have one name");
    if (n.count > 1 && n.kind != NodeKind::leaf)
      d.add(n.count_position, "count is for leaves; write each CA as its own node");
    if (n.count > 1 && n.name.find("{n}") == std::string::npos) continue;  // reported above
    if (auto twice = made_twice(n, named))
      d.add(n.name_position, "node name \"" + *twice + "\" is made twice");
    named.push_back(&n);
  }
  auto is_ca = [](const NodeSpec& n) {
    return n.kind == NodeKind::root || n.kind == NodeKind::intermediate;
  };
  for (const auto& n : spec.nodes) {
    if (n.kind == NodeKind::root) {
      if (!n.issuer.empty()) d.add(n.issuer_position, "a root is self-signed: it has no issuer");
    } else if (n.issuer.empty()) {
      d.add(n.position, std::string("an ") +
                            (n.kind == NodeKind::leaf ? "leaf" : node_kind_name(n.kind)) +
                            " needs an issuer");
    } else if (auto it = by_name.find(n.issuer); it == by_name.end()) {
      d.add(n.issuer_position, "unknown issuer \"" + n.issuer + "\"; no node has that name");
    } else if (!is_ca(*it->second)) {
      d.add(n.issuer_position,
            "\"" + n.issuer + "\" is a " + node_kind_name(it->second->kind) +
                (it->second->kind == NodeKind::leaf
                     ? "; a leaf cannot issue certificates"
                     : "; a cross-certificate's key belongs to the CA it certifies: name that CA"));
    }
    if (n.kind == NodeKind::cross) {
      if (n.certifies.empty()) {
        d.add(n.position, "a cross node needs certifies: the CA node it certifies again");
      } else if (auto it = by_name.find(n.certifies); it == by_name.end()) {
        d.add(n.certifies_position, "unknown node \"" + n.certifies + "\"");
      } else if (!is_ca(*it->second) || it->second->kind == NodeKind::cross) {
        d.add(n.certifies_position, "a cross-certificate certifies a root or intermediate node");
      }
    } else if (!n.certifies.empty()) {
      d.add(n.certifies_position, "certifies is for cross nodes only");
    }
    if (n.kind != NodeKind::leaf && (!n.dns.empty() || !n.ip.empty() || !n.email.empty()))
      d.add(n.san_position, "subject alternative names are for leaves");
    if (!n.base_url.empty() && n.kind != NodeKind::root && n.kind != NodeKind::intermediate)
      d.add(n.base_url_position, "base-url is for root and intermediate nodes: the CAs that issue");
    if (n.ocsp && n.kind == NodeKind::root)
      d.add(n.position, "a root has no issuer to answer OCSP for it");
    if (n.revoked && n.kind == NodeKind::root)
      d.add(n.revoked->position, "a root cannot be revoked: nothing issues a CRL for it");
    if (!n.defect.empty())
      if (const Defect* def = find_defect(n.defect)) {
        bool leaf = n.kind == NodeKind::leaf;
        if ((def->target == DefectTarget::leaf) != leaf)
          d.add(n.defect_position, "defect " + n.defect + " applies to " +
                                       (leaf ? "an intermediate" : "a leaf") + ", and " + n.name +
                                       " is a " + node_kind_name(n.kind));
      }
    if (std::find(n.outputs.begin(), n.outputs.end(), "p12") != n.outputs.end() &&
        n.pkcs12_password.empty() && n.outputs_explicit)
      d.add(n.outputs_position, "p12 needs a password: set pkcs12-password");
  }
  // Cycles: follow issuers from each node; a walk longer than the node count has looped.
  for (const auto& n : spec.nodes) {
    std::string path = n.name;
    const NodeSpec* at = &n;
    for (std::size_t steps = 0; at && !at->issuer.empty(); ++steps) {
      auto it = by_name.find(at->issuer);
      if (it == by_name.end()) break;
      at = it->second;
      path += " -> " + at->name;
      if (at == &n || steps > spec.nodes.size()) {
        d.add(n.issuer_position, "issuers form a cycle: " + path);
        break;
      }
      if (at->kind == NodeKind::leaf) break;
    }
  }
}

std::string read_text(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) throw Error("cannot read " + file.string() + ": " + error.message());
  if (size > kMaxSpecBytes) throw Error(file.string() + " is over 1 MiB; a spec is at most 1 MiB");
  std::ifstream in(file, std::ios::binary);
  std::string text(size, '\0');
  if (!in || !in.read(text.data(), static_cast<std::streamsize>(size)))
    throw Error("cannot read " + file.string());
  return text;
}

}  // namespace

constexpr config::FileKind kSpecFile{"hierarchy spec", "spec", "keyrite-testpki: 1"};

Spec parse_spec_text(std::string_view text, const std::string& file) {
  Spec spec;
  spec.file = file;
  config::Diagnostics d(file);
  auto root = config::parse_yaml(text, kSpecFile, d);
  if (!root) {
    if (d.empty()) d.add(1, 1, "", "the spec is empty; it starts with \"keyrite-testpki: 1\"");
    d.throw_if_any();
  }
  config::MapReader top(*root, {"keyrite-testpki", "reference-time", "pkcs12-password", "nodes"},
                        d);
  if (top.is_mapping()) {
    if (auto v = read_integer(top.required("keyrite-testpki"), d); v && *v != 1)
      report(d, *top.optional("keyrite-testpki"), "only format version 1 exists");
    if (auto* ref = top.optional("reference-time")) {
      auto v = read_string(ref, d);
      if (v && !(spec.reference_time = parse_utc(*v)))
        report(d, *ref, "reference-time is a UTC time, YYYY-MM-DDTHH:MM:SSZ");
    }
    spec.pkcs12_password = read_string(top.optional("pkcs12-password"), d).value_or("");
    if (const config::YamlNode* nodes = top.required("nodes")) {
      if (nodes->kind != config::YamlNode::Kind::sequence || nodes->children.empty())
        report(d, *nodes, "nodes is a non-empty list, found " + describe(*nodes));
      else
        for (const auto& node : nodes->children)
          spec.nodes.push_back(read_node(node, spec.pkcs12_password, d));
    }
  } else if (!root->reported) {
    report(d, *root, "a spec is a mapping that starts with \"keyrite-testpki: 1\"");
  }
  if (d.empty()) check_nodes(spec, d);
  d.throw_if_any();
  return spec;
}

Spec parse_spec_file(const std::filesystem::path& file) {
  return parse_spec_text(read_text(file), file.string());
}

}  // namespace kr::testpki
