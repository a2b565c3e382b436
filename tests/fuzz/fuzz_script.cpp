// The ceremony-script parser (YAML, then keyrite's strict schema) on arbitrary text. Any outcome
// but a parsed Script or a kr::Error (config::ConfigError is one) is a bug.
#include "fuzz_support.h"
#include "script/parser.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kr::script::kMaxScriptBytes) return 0;
  kr::script::ParseOptions options;
  options.output_dir = "/nonexistent/kr-fuzz-out";  // never written: parsing only checks paths
  try {
    kr::script::parse_script_text(kr::fuzz::text_of(data, size), "fuzz.yaml", options);
  } catch (const kr::Error&) {
  }
  return 0;
}
