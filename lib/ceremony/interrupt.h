// SIGINT and SIGTERM during a run: the handler only notes the signal; the executor stops at the
// next safe point (before a step starts or after it ends, while the token is still logged in), so
// the transcript gets ceremony-failed and a signed closing checkpoint instead of being cut off.
#pragma once

#include "util/error.h"

namespace kr::ceremony {

// While one exists, SIGINT and SIGTERM are noted instead of ending the process; the previous
// handlers come back when it goes. A second signal of the same kind ends the process at once.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// Throws kr::Error("interrupted by SIGINT") when a signal was noted.
void stop_if_interrupted();

}  // namespace kr::ceremony
