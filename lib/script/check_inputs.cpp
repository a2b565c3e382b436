// Resolving input files. An input that names a step's output is that output, whether or not a
// file of that name exists yet; any other input must exist when the script is parsed, so that a
// missing CSR is found at the desk, not halfway through a ceremony.
#include "script/check_inputs.h"

#include <system_error>

#include "script/check_steps.h"
#include "script/step_uses.h"

namespace kr::script {
namespace {

namespace fs = std::filesystem;

fs::path absolute_normal(const fs::path& path) {
  std::error_code ignored;  // only when the current directory is gone; keep the path as it is
  const fs::path absolute = fs::absolute(path, ignored);
  return (absolute.empty() ? path : absolute).lexically_normal();
}

struct Written {
  std::size_t step;
  OutputUse use;
  fs::path as_written;  // normalised, relative to the output directory
  fs::path absolute;    // normalised
};

std::vector<Written> outputs(const std::vector<StepDraft>& drafts, const fs::path& output_dir) {
  std::vector<Written> out;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    if (!drafts[i].has_body) continue;
    if (auto use = output_of(drafts[i].step.body))
      out.push_back({i, *use, fs::path(*use->path).lexically_normal(),
                     absolute_normal(output_dir / *use->path)});
  }
  return out;
}

// The step output an input names: by its path as written, or else by where it resolves to (an
// input "out/a.crt" next to the script is output "a.crt" when the output directory is "out").
const Written* find_output(const std::vector<Written>& written, const InputFile& input,
                           const fs::path& resolved) {
  const fs::path normal = fs::path(input.path).lexically_normal();
  for (const auto& w : written)
    if (!normal.is_absolute() && w.as_written == normal) return &w;
  for (const auto& w : written)
    if (w.absolute == resolved) return &w;
  return nullptr;
}

void check_earlier_output(const std::vector<StepDraft>& drafts, std::size_t reader,
                          const InputUse& use, const Written& output, const fs::path& output_dir,
                          config::Diagnostics& diagnostics) {
  InputFile& input = *use.file;
  const std::string name = config::quote(input.path);
  if (output.step > reader) {
    diagnostics.add(input.position, name + " is written later, by " +
                                        step_name(drafts, output.step) +
                                        "; move this step after it");
    return;
  }
  if (output.step == reader) {
    diagnostics.add(input.position, name + " is this step's own output");
    return;
  }
  input.resolved = output_dir / *output.use.path;
  input.from_earlier_step = true;
  const std::string by = step_name(drafts, output.step);
  if (output.use.kind != use.expects) {
    diagnostics.add(input.position, name + " is " + file_kind_name(output.use.kind) +
                                        " (written by " + by + "), not " +
                                        file_kind_name(use.expects));
    return;
  }
  const std::string* certified = output.use.certified_key;
  if (use.certified_key && certified && !certified->empty() && !use.certified_key->empty() &&
      *certified != *use.certified_key)
    diagnostics.add(input.position, name + " is the certificate of " + config::quote(*certified) +
                                        " (written by " + by + "), not of " +
                                        config::quote(*use.certified_key));
}

void check_file(InputFile& input, config::Diagnostics& diagnostics) {
  const std::string where = " (resolved to " + input.resolved.string() + ")";
  std::error_code error;
  const auto status = fs::status(input.resolved, error);
  if (status.type() == fs::file_type::not_found)
    diagnostics.add(input.position, config::quote(input.path) + " does not exist" + where);
  else if (error)
    diagnostics.add(input.position, "cannot check " + config::quote(input.resolved.string()) +
                                        ": " + error.message());
  else if (status.type() != fs::file_type::regular)
    diagnostics.add(input.position, config::quote(input.path) + " is not a file" + where);
}

// The CRL-number state file may be missing (a CA's first CRL), but not in a missing directory,
// and never a file some step writes: it is appended to, and outputs are created exclusively.
void check_state(const std::vector<StepDraft>& drafts, const std::vector<Written>& written,
                 InputFile& state, const fs::path& script_dir, config::Diagnostics& diagnostics) {
  if (state.path.empty()) return;
  state.resolved = absolute_normal(script_dir / state.path);
  const std::string where = " (resolved to " + state.resolved.string() + ")";
  for (const auto& w : written) {
    if (w.absolute != state.resolved) continue;
    diagnostics.add(state.position, config::quote(state.path) + " is the output of " +
                                        step_name(drafts, w.step) +
                                        "; the CRL-number state file is appended to, never "
                                        "written as an output");
    return;
  }
  std::error_code error;
  const auto status = fs::status(state.resolved, error);
  if (status.type() == fs::file_type::not_found) {
    const fs::path directory = state.resolved.parent_path();
    if (!fs::is_directory(directory, error))
      diagnostics.add(state.position,
                      config::quote(state.path) + " is in a directory that does not exist" + where);
  } else if (error) {
    diagnostics.add(state.position, "cannot check " + config::quote(state.resolved.string()) +
                                        ": " + error.message());
  } else if (status.type() != fs::file_type::regular) {
    diagnostics.add(state.position, config::quote(state.path) + " is not a file" + where);
  }
}

}  // namespace

void check_inputs(std::vector<StepDraft>& drafts, const fs::path& script_dir,
                  const fs::path& output_dir, config::Diagnostics& diagnostics) {
  const auto written = outputs(drafts, output_dir);
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    if (!drafts[i].has_body) continue;
    for (const InputUse& use : input_uses(drafts[i].step.body)) {
      InputFile& input = *use.file;
      const fs::path resolved = absolute_normal(script_dir / input.path);
      if (const Written* output = find_output(written, input, resolved)) {
        check_earlier_output(drafts, i, use, *output, output_dir, diagnostics);
        continue;
      }
      input.resolved = resolved;
      check_file(input, diagnostics);
    }
    if (auto* crl = std::get_if<SignCrl>(&drafts[i].step.body))
      check_state(drafts, written, crl->state, script_dir, diagnostics);
  }
}

}  // namespace kr::script
