// The run-sheet: the printed document the administrator reads aloud during the ceremony and the
// witnesses tick and sign. Title, ceremony, the script's SHA-256 (hex and PGP words), roles with
// signature lines, the quorum, the equipment, one block per step (what it does in plain words,
// who must be present, the planned to-be-signed SHA-256 when a plan is given, boxes for times
// and initials, room for notes), and the paper log page with its blanks (paper_log.h).
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "script/model.h"

namespace kr::report {

struct RunSheetPlan {
  std::string file;                               // plan.json as given; "" without a plan
  std::map<std::string, std::string> tbs_sha256;  // step id -> to-be-signed SHA-256 (hex)
};

// The run-sheet's content as data (what the template shows).
nlohmann::ordered_json runsheet_model(const script::Script& script, const RunSheetPlan& plan);

// The self-contained HTML document.
std::string render_runsheet(const nlohmann::ordered_json& model,
                            const std::filesystem::path& templates_dir);

// PGP words of a hex digest in numbered rows of four, as pgp_word_rows() prints them.
nlohmann::ordered_json word_rows(const std::string& hex);

}  // namespace kr::report
