// Custodian share files: the strict header parser and the payload limits (no KDF runs here; the
// header's KDF parameters are checked before any would).
#include "fuzz_support.h"
#include "quorum/share_file.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kr::quorum::kMaxShareFileBytes) return 0;
  try {
    auto file = kr::quorum::parse_share_file(kr::fuzz::text_of(data, size), "fuzz.share");
    // What a successful parse promises: the header text is the one keyrite would write.
    if (kr::quorum::format_header(file.header) != file.header_text) __builtin_trap();
  } catch (const kr::Error&) {
  }
  return 0;
}
