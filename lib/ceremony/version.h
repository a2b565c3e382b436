// keyrite's version, recorded in every event log.
#pragma once

namespace kr::ceremony {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace kr::ceremony
