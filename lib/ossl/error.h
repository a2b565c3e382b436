// OpenSSL's thread-local error queue turned into messages and exceptions.
#pragma once

#include <string>

namespace kr::ossl {

// Empties the error queue and returns its entries joined by "; " (empty when there were none).
std::string drain_errors();

// Throws kr::Error("<what>: <queued OpenSSL errors>"), draining the queue.
[[noreturn]] void throw_error(const std::string& what);

// For OpenSSL's "1 on success" convention: throws with `what` unless ok is 1.
inline void check(int ok, const char* what) {
  if (ok != 1) throw_error(what);
}

}  // namespace kr::ossl
