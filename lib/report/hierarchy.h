// The hierarchy picture of a ceremony, from its verified transcript: every key (generated, or
// already on the token and used), every certificate (roots, subordinates, cross-certificates),
// CSR, CRL and OCSP response, with an edge from the key that signed each artifact to it, and from
// each certificate to the key it certifies. Keys are identified by their SPKI SHA-256, so a
// cross-certificate joins the two hierarchies it bridges. Nodes are coloured by their step's
// replay verdict.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "replay/transcript_lines.h"

namespace kr::report {

struct Hierarchy {
  nlohmann::ordered_json nodes =
      nlohmann::ordered_json::array();  // {id, kind, label[], step, verdict}
  nlohmann::ordered_json edges = nlohmann::ordered_json::array();  // {from, to, label}
};

// What the replay says of each step: its kind ("self-sign", "cross-sign", ...), which names the
// certificates it made (artifact_kind.h), and its verdict ("ok", "failed" or "not checked").
struct StepFacts {
  std::string kind;
  std::string verdict;
};

Hierarchy build_hierarchy(const replay::TranscriptLines& lines,
                          const std::map<std::string, StepFacts>& steps);

// Graphviz DOT source; every label through dot_label().
std::string hierarchy_dot(const Hierarchy& h);

}  // namespace kr::report
