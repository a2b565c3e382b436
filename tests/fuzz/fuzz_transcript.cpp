// The transcript verifier on whole files (lines, events, checkpoints, the tree, the verdict) under
// the test-vector audit key. It never throws for content: every input gets a verdict.
#include "fuzz_support.h"
#include "transcript/verify.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kr::transcript::VerifyOptions options;
  options.max_line_bytes = 1 << 20;
  auto r = kr::transcript::verify_transcript_bytes(kr::fuzz::text_of(data, size),
                                                   kr::fuzz::vector_audit_key(), options);
  // A verdict is consistent: ok has no reason, failed names a line.
  if (r.verdict == kr::transcript::Verdict::ok && !r.reason.empty()) __builtin_trap();
  if (r.verdict == kr::transcript::Verdict::failed && !r.failed_line) __builtin_trap();
  return 0;
}
