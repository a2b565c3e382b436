// The ceremony script as the transcript embeds it (line 0: details.script is the text,
// details.script_file the name it was run as), parsed with the same strict parser the ceremony
// used, and the files its steps read found on the auditor's machine.
//
// The parser refuses outputs that already exist and inputs that do not, which is right before a
// ceremony and wrong after one. So replay parses inside a private staging directory: outputs go
// to an empty directory, and every input file the script names (the values of certificate, csr,
// public-key, previous-crl and the CRL state's directory) is made available at the path the
// script gives, relative to the staging copy of the script, as a link to the file found by this
// rule, first match wins:
//   1. ARTIFACTS/<path as written>          (the auditor's folder mirrors the ceremony folder)
//   2. ARTIFACTS/<file name of the path>    (everything handed over in one flat folder)
//   3. <path as written>, relative to the directory of details.script_file as seen from the
//      current directory, or absolute         (replaying on the ceremony host itself)
// An input that is an earlier step's output is read from ARTIFACTS/<that step's output>.
// Whatever is found, its SHA-256 is compared with the one the transcript recorded.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "replay/staging_dir.h"
#include "script/model.h"

namespace kr::replay {

struct EmbeddedScript {
  std::string text;
  std::string file;  // details.script_file
  script::Script script;
  std::filesystem::path artifacts_dir;
  std::unique_ptr<StagingDir> staging;   // holds the links the parsed paths point at
  std::filesystem::path staged_outputs;  // the empty output directory the script was parsed with
};

// Throws kr::Error (a config::ConfigError for a script the parser refuses) naming what is wrong.
EmbeddedScript load_embedded_script(const nlohmann::json& line0,
                                    const std::filesystem::path& artifacts_dir);

// Where replay reads an input from (see the rule above).
std::filesystem::path input_location(const EmbeddedScript& s, const script::InputFile& input);

// Where a step's output is in the artifacts directory.
std::filesystem::path artifact_location(const EmbeddedScript& s, const std::string& output);

}  // namespace kr::replay
