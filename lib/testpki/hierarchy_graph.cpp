#include "testpki/hierarchy_graph.h"

#include <graphviz/gvc.h>

#include <memory>

#include "util/error.h"

namespace kr::testpki {
namespace {

// DOT string literal: quotes and backslashes escaped, nothing else interpreted.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string hierarchy_dot(const std::vector<GraphNode>& nodes) {
  std::string dot =
      "digraph hierarchy {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", "
      "fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const auto& n : nodes) {
    const NodeSpec& s = *n.spec;
    if (s.kind == NodeKind::cross) continue;  // drawn as an edge below
    std::string label = s.name;
    if (s.count > 1) label += "  (x" + std::to_string(s.count) + ")";
    label += "\\n" + std::string(node_kind_name(s.kind)) + ", " + n.key + "\\n" + n.validity;
    if (!s.defect.empty()) label += "\\ndefect: " + s.defect;
    const char* fill = s.kind == NodeKind::root   ? "#d8e8ff"
                       : s.kind == NodeKind::leaf ? "#eeeeee"
                                                  : "#e4f4e0";
    std::string safe_label;
    for (char ch : label) {  // keep the \n escapes, escape quotes
      if (ch == '"') safe_label += '\\';
      safe_label += ch;
    }
    dot += "  " + quoted(s.name) + " [label=\"" + safe_label + "\", fillcolor=\"" + fill + "\"" +
           (s.defect.empty() ? "" : ", color=\"#c00000\"") + "];\n";
  }
  for (const auto& n : nodes) {
    const NodeSpec& s = *n.spec;
    if (s.kind == NodeKind::cross)
      dot += "  " + quoted(s.issuer) + " -> " + quoted(s.certifies) +
             " [style=dashed, label=" + quoted("cross: " + s.name + "\n" + n.validity) + "];\n";
    else if (!s.issuer.empty())
      dot += "  " + quoted(s.issuer) + " -> " + quoted(s.name) + ";\n";
  }
  return dot + "}\n";
}

std::string render_svg(const std::string& dot) {
  std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContext(), gvFreeContext);
  if (!gvc) throw Error("Graphviz: cannot create a context");
  std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(dot.c_str()), agclose);
  if (!graph) throw Error("Graphviz: cannot read the hierarchy graph");
  if (gvLayout(gvc.get(), graph.get(), "dot") != 0) throw Error("Graphviz: layout failed");
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(gvc.get(), graph.get(), "svg", &data, &length);
  std::string svg = rc == 0 && data ? std::string(data, length) : std::string();
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc.get(), graph.get());
  if (svg.empty()) throw Error("Graphviz: cannot render SVG");
  return svg;
}

}  // namespace kr::testpki
