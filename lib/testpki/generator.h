// kr-testpki generate: the whole hierarchy from a spec. CAs first, one after another (they are
// few, and each needs its issuer); then every leaf on a pool of workers (one per core by default)
// that each make, write and forget one leaf at a time. Everything the spec could get wrong is
// checked before the first file is written, and a failed run leaves the output directory as it
// found it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "testpki/spec.h"

namespace kr::testpki {

struct GenerateOptions {
  std::filesystem::path out;
  std::optional<std::string> seed;        // --seed: deterministic output
  std::optional<UtcTime> reference_time;  // --reference-time: overrides the spec's
  unsigned jobs = 0;                      // 0: one worker per core
  std::filesystem::path profiles_dir;     // empty: the source tree's templates/profiles
};

struct GenerateResult {
  std::size_t certificates = 0;
  std::size_t files = 0;
  UtcTime reference{};
  unsigned workers = 0;
};

GenerateResult generate(const Spec& spec, const GenerateOptions& options);

// The reference time when neither the spec nor --reference-time gives one: now, or with --seed the
// start of the current UTC day, so that two seeded runs on one day agree to the byte.
UtcTime default_reference_time(bool seeded);

}  // namespace kr::testpki
