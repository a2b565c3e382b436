// Checkpoint notes alone: the signed-note parser, the five-line body, and the keyrite signature
// rules under the test vector's origin, audit key and roster.
#include "fuzz_support.h"
#include "transcript/trust.h"
#include "util/error.h"

namespace {

struct Anchor {
  kr::transcript::CeremonyAnchor anchor;
  kr::transcript::TrustedKeys keys{kr::fuzz::vector_audit_key()};
  Anchor() {
    auto text = kr::fuzz::source_file("docs/test-vectors/transcript.jsonl");
    anchor = kr::transcript::read_anchor(text.substr(0, text.find('\n')), {});
    if (anchor.roster) keys.add_roster(*anchor.roster);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Anchor a;
  try {
    kr::transcript::check_checkpoint_note(std::string(kr::fuzz::text_of(data, size)),
                                          a.anchor.origin, a.keys, "fuzz");
  } catch (const kr::Error&) {
  }
  return 0;
}
