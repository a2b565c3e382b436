// The table a run ends with (finished or paused), read back from the transcript so a resumed
// ceremony's summary covers every run: every key (label, type, SPKI SHA-256), every artifact
// (file, kind, subject, SHA-256), and where each file is, the ones written beside the script
// (CRL-number state) included. The final transcript root (hex and PGP words) follows it
// (report_end in run_setup.h).
#pragma once

#include <ostream>

#include "ceremony/context.h"
#include "ceremony/run_loop.h"

namespace kr::ceremony {

void print_summary(Context& ctx, RunStatus status);

}  // namespace kr::ceremony
