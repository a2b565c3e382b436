// Proof files: keyrite's signed proofs and bare RFC 6962 proofs. Every input gets a verdict.
#include "fuzz_support.h"
#include "transcript/proof.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto v =
      kr::transcript::verify_proof(kr::fuzz::text_of(data, size), kr::fuzz::vector_audit_key());
  if (v.ok && v.kind.empty()) __builtin_trap();
  return 0;
}
