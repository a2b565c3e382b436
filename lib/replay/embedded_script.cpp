// Staging the embedded script's inputs and parsing it.
#include "replay/embedded_script.h"

#include <yaml-cpp/yaml.h>

#include <set>
#include <system_error>

#include "script/parser.h"
#include "util/error.h"

namespace kr::replay {
namespace {

namespace fs = std::filesystem;

// The mapping keys whose values name files a step reads; "state" is the CRL-number state file,
// which must be in an existing directory.
const std::set<std::string> kInputKeys = {"certificate", "csr", "public-key", "previous-crl",
                                          "state"};

void collect_inputs(const YAML::Node& node, std::set<std::string>& out) {
  if (node.IsMap()) {
    for (const auto& item : node) {
      const auto key = item.first.IsScalar() ? item.first.Scalar() : std::string();
      if (kInputKeys.count(key) && item.second.IsScalar()) out.insert(item.second.Scalar());
      collect_inputs(item.second, out);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) collect_inputs(item, out);
  }
}

// How many leading ".." a relative path climbs.
int climbs(const fs::path& p) {
  int n = 0;
  for (const auto& part : p.lexically_normal()) {
    if (part != "..") break;
    ++n;
  }
  return n;
}

bool regular_file(const fs::path& p) {
  std::error_code ignored;
  return fs::is_regular_file(p, ignored);
}

// Rule 1, 2, 3 of embedded_script.h; empty when nothing is found.
fs::path find_input(const std::string& written, const fs::path& artifacts,
                    const fs::path& original_script_dir) {
  const fs::path p(written);
  if (p.is_relative()) {
    const fs::path normal = p.lexically_normal();
    if (climbs(normal) == 0 && regular_file(artifacts / normal)) return artifacts / normal;
  }
  if (!p.filename().empty() && regular_file(artifacts / p.filename()))
    return artifacts / p.filename();
  const fs::path original = p.is_absolute() ? p : original_script_dir / p;
  if (regular_file(original)) return original;
  return {};
}

std::string text_member(const nlohmann::json& details, const char* name) {
  if (!details.contains(name) || !details.at(name).is_string())
    throw Error(std::string("line 0: details.") + name + " is missing or not a string",
                "replay needs the transcript of a keyrite version that embeds the script");
  return details.at(name).get<std::string>();
}

}  // namespace

EmbeddedScript load_embedded_script(const nlohmann::json& line0, const fs::path& artifacts_dir) {
  if (!line0.contains("details") || !line0.at("details").is_object())
    throw Error("line 0: details is missing");
  const auto& details = line0.at("details");
  EmbeddedScript out;
  out.text = text_member(details, "script");
  out.file = text_member(details, "script_file");
  out.artifacts_dir = fs::absolute(artifacts_dir).lexically_normal();
  if (!fs::is_directory(out.artifacts_dir))
    throw Error("--artifacts " + artifacts_dir.string() + ": not a directory");
  out.staging = std::make_unique<StagingDir>();

  std::set<std::string> inputs;
  try {
    collect_inputs(YAML::Load(out.text), inputs);
  } catch (const YAML::Exception&) {
    // The parser below reports the script's YAML errors with positions.
  }
  int depth = 0;
  for (const auto& written : inputs)
    if (fs::path(written).is_relative()) depth = std::max(depth, climbs(written));
  // Deep enough that "../x" stays inside the staging directory.
  fs::path script_dir = out.staging->path() / "script";
  for (int i = 0; i < depth; ++i) script_dir /= "up";
  out.staged_outputs = out.staging->path() / "outputs";
  fs::create_directories(script_dir);
  fs::create_directories(out.staged_outputs);

  const fs::path original_dir = fs::path(out.file).parent_path();
  for (const auto& written : inputs) {
    const fs::path p(written);
    if (p.is_absolute()) continue;  // used where it is, when it exists there
    const fs::path link = (script_dir / p).lexically_normal();
    fs::create_directories(link.parent_path());  // the CRL state file's directory, at least
    const fs::path found = find_input(written, out.artifacts_dir, original_dir);
    std::error_code exists;
    if (!found.empty() && !fs::exists(fs::symlink_status(link, exists)))
      fs::create_symlink(fs::absolute(found), link);
  }

  script::ParseOptions options;
  options.output_dir = out.staged_outputs;
  const fs::path staged_file =
      script_dir / (fs::path(out.file).filename().empty() ? fs::path("script.yaml")
                                                          : fs::path(out.file).filename());
  try {
    out.script = script::parse_script_text(out.text, staged_file.string(), options);
  } catch (const Error& e) {
    // Name the script as the ceremony ran it, not the staging copy.
    std::string message = e.what();
    const std::string staged = staged_file.string();
    for (auto at = message.find(staged); at != message.npos; at = message.find(staged, at))
      message.replace(at, staged.size(), out.file);
    throw Error("the script embedded in line 0 does not parse for replay:\n" + message,
                "an input the script names must be in --artifacts (by its path or file name)");
  }
  return out;
}

fs::path input_location(const EmbeddedScript& s, const script::InputFile& input) {
  if (input.from_earlier_step)
    return s.artifacts_dir / input.resolved.lexically_relative(s.staged_outputs);
  std::error_code error;
  const fs::path real = fs::canonical(input.resolved, error);
  return error ? input.resolved : real;
}

fs::path artifact_location(const EmbeddedScript& s, const std::string& output) {
  return s.artifacts_dir / fs::path(output).lexically_normal();
}

}  // namespace kr::replay
