// Share-set descriptors as read_descriptor reads them: JSON, then the strict descriptor schema.
#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "quorum/descriptor.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kr::quorum::kMaxDescriptorBytes) return 0;
  auto j = nlohmann::json::parse(data, data + size, nullptr, false);
  if (j.is_discarded()) return 0;
  try {
    auto d = kr::quorum::descriptor_from_json(j, "fuzz.json");
    kr::quorum::descriptor_text(d);
  } catch (const kr::Error&) {
  }
  return 0;
}
