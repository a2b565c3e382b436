// Custodian approvals as the replay reads them from a transcript: JSON, the strict approval
// schema, the signed message, and the Ed25519 check under a fixed key.
#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "quorum/approval.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto j = nlohmann::json::parse(data, data + size, nullptr, false);
  if (j.is_discarded()) return 0;
  static const kr::Bytes key(32, 0x42);
  try {
    auto a = kr::quorum::approval_from_json(j, "fuzz");
    kr::quorum::verify_approval(a, key);
    auto again = kr::quorum::approval_from_json(kr::quorum::to_json(a), "fuzz");
    if (kr::quorum::to_json(again) != kr::quorum::to_json(a)) __builtin_trap();
  } catch (const kr::Error&) {
  }
  return 0;
}
