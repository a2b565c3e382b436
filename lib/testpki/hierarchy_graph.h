// hierarchy.svg: one box per node (a bulk leaf node is one box saying how many), with its name,
// key and validity; issuing edges solid, cross-certificates dashed from the cross-signing CA to
// the CA it certifies again. Laid out by Graphviz's dot in-process (libgvc).
#pragma once

#include <string>
#include <vector>

#include "testpki/spec.h"

namespace kr::testpki {

struct GraphNode {
  const NodeSpec* spec;
  std::string key;       // "P-256"
  std::string validity;  // "2026-01-01 .. 2027-01-01"
};

std::string hierarchy_dot(const std::vector<GraphNode>& nodes);
std::string render_svg(const std::string& dot);

}  // namespace kr::testpki
