// The catalogue of named defects: each makes one certificate wrong in exactly one way and leaves
// it otherwise valid, for negative tests. The table is the single source of the README's defect
// table and of the integration test's expectations (tests/integration/testpki_defects_test.sh
// reads `kr-testpki defects --format tsv`).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace kr::testpki {

enum class DefectTarget {
  leaf,  // applies to an end-entity node
  ca,    // applies to an intermediate (its children show the defect's effect)
};

struct Defect {
  std::string_view name;
  DefectTarget target;
  std::string_view what;  // one line for people
  // The kr-lint id that reports it, and how kr-lint is run to see it: on the defective
  // certificate ("self"), or on a child it issued ("child"), always with --issuer.
  std::string_view lint_id;
  std::string_view lint_on;
  std::string_view lint_options;  // extra kr-lint options ("--at REF" for the clock defects)
  // Verdicts of real verifiers on the chain of the defective certificate (a CA defect: of a leaf
  // below it): "reject" or "accept" (the verifier does not look at this).
  std::string_view openssl;
  std::string_view certtool;
};

std::span<const Defect> defects();
const Defect* find_defect(std::string_view name);
std::string defect_names();  // "expired, not-yet-valid, ..." for messages

}  // namespace kr::testpki
