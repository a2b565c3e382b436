// Temporary files an interrupted run left behind. AtomicFile writes ".<name>.tmp-<random>" beside
// its target and removes it on any failure it lives through; only a killed process leaves one.
// They are never signed artifacts in their final place, but an operator must see them, so a run
// (and resume) reports them and records them in the transcript (stale-files-found).
#pragma once

#include <filesystem>
#include <vector>

#include "ceremony/context.h"

namespace kr::ceremony {

// Every such file under `dir` (recursively), sorted; empty when `dir` does not exist.
std::vector<std::filesystem::path> find_stale_temporaries(const std::filesystem::path& dir);

// Prints and records (one stale-files-found event) what find_stale_temporaries finds in the
// output directory, relative to it. Nothing is removed: the operator decides.
void report_stale_temporaries(Context& ctx);

}  // namespace kr::ceremony
