// kr-lint's whole path on one input: PEM or DER detection, certificate, CRL, CSR and OCSP
// parsing, profile choice, every lint, and both reports.
#include "fuzz_support.h"
#include "lint/linter.h"
#include "lint/report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kr::lint::Linter linter({"", {}, nullptr});  // the templates/profiles of this checkout
  auto results = linter.lint_data("fuzz", kr::ByteView(data, size));
  kr::lint::render_text(results);
  kr::lint::render_json(results);
  kr::lint::exit_status(results);
  return 0;
}
