// Nodes and edges from the artifact events, then DOT.
#include "report/hierarchy.h"

#include "report/artifact_kind.h"
#include "report/display.h"

namespace kr::report {
namespace {

using Json = nlohmann::ordered_json;

std::string text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const nlohmann::json& details(const nlohmann::json& j) {
  static const nlohmann::json empty = nlohmann::json::object();
  auto it = j.find("details");
  return it != j.end() && it->is_object() ? *it : empty;
}

// "key:root-ca-1 (SubjectPublicKeyInfo)" -> "root-ca-1"
std::string key_label(const std::string& name) {
  if (name.rfind("key:", 0) != 0) return "";
  const auto space = name.find(" (");
  return name.substr(4, space == std::string::npos ? std::string::npos : space - 4);
}

// The signing key an event names among its inputs: {label, SPKI SHA-256}.
std::pair<std::string, std::string> signer(const nlohmann::json& event) {
  auto it = event.find("inputs");
  if (it == event.end() || !it->is_array()) return {};
  for (const auto& input : *it) {
    const std::string label = key_label(text(input, "name"));
    if (!label.empty()) return {label, text(input, "sha256")};
  }
  return {};
}

// The picture names a certificate by its common name (the artifact table has the full subject):
// "C = US, O = Example, CN = Example Root CA 1" -> "Example Root CA 1". CN is written last.
std::string common_name(const std::string& subject) {
  const auto at = subject.rfind("CN = ");
  return at == std::string::npos ? subject : subject.substr(at + 5);
}

std::string first_output(const nlohmann::json& event) {
  auto it = event.find("outputs");
  if (it == event.end() || !it->is_array() || it->empty()) return "";
  return text((*it)[0], "name");
}

struct Builder {
  Hierarchy h;
  std::map<std::string, std::size_t> keys;  // SPKI SHA-256 -> node index
  const std::map<std::string, StepFacts>& steps;
  int next = 0;

  std::string verdict(const std::string& step) const {
    auto it = steps.find(step);
    return it == steps.end() ? "not checked" : it->second.verdict;
  }

  std::string step_kind(const std::string& step) const {
    auto it = steps.find(step);
    return it == steps.end() ? "" : it->second.kind;
  }

  std::string key_node(const std::string& spki, const std::string& label, const std::string& step,
                       const std::string& algorithm) {
    auto it = keys.find(spki);
    if (it != keys.end()) {
      auto& node = h.nodes[it->second];
      if (!algorithm.empty() && node["label"].size() == 2) node["label"].push_back(algorithm);
      return node["id"];
    }
    Json node{{"id", "k" + std::to_string(next++)},
              {"kind", "key"},
              {"label", Json::array({"key " + label, "SPKI " + spki.substr(0, 16) + "..."})},
              {"step", step},
              {"verdict", step.empty() ? "" : verdict(step)}};
    if (!algorithm.empty()) node["label"].push_back(algorithm);
    keys[spki] = h.nodes.size();
    h.nodes.push_back(node);
    return node["id"];
  }

  std::string artifact_node(const std::string& kind, Json label, const std::string& step) {
    const std::string id = "a" + std::to_string(next++);
    h.nodes.push_back(
        {{"id", id}, {"kind", kind}, {"label", label}, {"step", step}, {"verdict", verdict(step)}});
    return id;
  }

  void edge(const std::string& from, const std::string& to, const std::string& label) {
    h.edges.push_back({{"from", from}, {"to", to}, {"label", label}});
  }

  void add(const replay::Line& line) {
    const auto& j = line.json;
    const auto& d = details(j);
    const std::string& type = line.type;
    if (type == "key-generated") {
      key_node(text(d, "spki_sha256"), key_label(text(j, "target")), line.step,
               text(d, "algorithm"));
      return;
    }
    if (type == "key-destroyed" || type == "key-backed-up") {
      auto it = keys.find(text(d, "spki_sha256"));
      if (it != keys.end())
        h.nodes[it->second]["label"].push_back(type == "key-destroyed" ? "destroyed" : "backed up");
      return;
    }
    const auto [signer_label, signer_spki] = signer(j);
    std::string id;
    if (type == "certificate-signed") {
      const std::string subject_spki = text(d, "spki_sha256");
      const bool self_signed = subject_spki == signer_spki;
      const std::string kind = artifact_kind(type, self_signed ? "self-sign" : step_kind(line.step),
                                             d.contains("ca") && d["ca"] == true);
      id =
          artifact_node(kind,
                        Json::array({common_name(text(d, "subject")), kind + ": " + first_output(j),
                                     "serial " + text(d, "serial").substr(0, 8) + "..."}),
                        line.step);
      if (!self_signed) edge(id, key_node(subject_spki, "(certified)", "", ""), "certifies");
    } else if (type == "csr-signed") {
      id = artifact_node("CSR",
                         Json::array({common_name(text(d, "subject")), "CSR: " + first_output(j)}),
                         line.step);
    } else if (type == "crl-signed") {
      id = artifact_node("CRL",
                         Json::array({"CRL: " + first_output(j), "number " + text(d, "crl_number"),
                                      "next update " + text(d, "next_update")}),
                         line.step);
    } else if (type == "ocsp-response-signed") {
      id = artifact_node(
          "OCSP response",
          Json::array({"OCSP response: " + first_output(j),
                       text(d, "status") + " for " + common_name(text(d, "certificate"))}),
          line.step);
    } else {
      return;
    }
    if (!signer_spki.empty()) edge(key_node(signer_spki, signer_label, "", ""), id, "signs");
  }
};

std::string color(const std::string& verdict) {
  if (verdict == "ok") return "#1d6b2f";
  if (verdict == "failed") return "#a11b1b";
  if (verdict.empty()) return "#555555";
  return "#8a5a00";
}

}  // namespace

Hierarchy build_hierarchy(const replay::TranscriptLines& lines,
                          const std::map<std::string, StepFacts>& steps) {
  Builder b{{}, {}, steps};
  for (const auto& line : lines.lines) b.add(line);
  return b.h;
}

std::string hierarchy_dot(const Hierarchy& h) {
  std::string dot =
      "digraph hierarchy {\n"
      "  graph [rankdir=LR, nodesep=0.25, ranksep=0.5, fontname=\"DejaVu Sans\"];\n"
      "  node [fontname=\"DejaVu Sans\", fontsize=9, penwidth=1.5];\n"
      "  edge [fontname=\"DejaVu Sans\", fontsize=8, color=\"#444444\"];\n";
  for (const auto& node : h.nodes) {
    std::string label;
    for (const auto& line : node["label"])
      label += (label.empty() ? "" : "\\n") + dot_label(line.get<std::string>());
    const std::string kind = node["kind"];
    const std::string shape = kind == "key"                              ? "ellipse"
                              : kind == "CRL" || kind == "OCSP response" ? "note"
                                                                         : "box";
    dot += "  " + node["id"].get<std::string>() + " [shape=" + shape + ", label=\"" + label +
           "\", color=\"" + color(node["verdict"]) + "\"" +
           (kind == "cross-certificate" ? ", style=dashed" : "") + "];\n";
  }
  for (const auto& e : h.edges)
    dot += "  " + e["from"].get<std::string>() + " -> " + e["to"].get<std::string>() +
           " [label=\"" + dot_label(e["label"].get<std::string>()) + "\"" +
           (e["label"] == "certifies" ? ", style=dashed" : "") + "];\n";
  return dot + "}\n";
}

}  // namespace kr::report
