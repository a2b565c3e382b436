// What kr-ceremony run and resume both do before the first step: the offline checks, the share
// sets checked against the script, core dumps off, the script's bytes; the token opened by label;
// and the lines the operator reads at the end.
#pragma once

#include <string>

#include "ceremony/context.h"
#include "ceremony/run_loop.h"

namespace kr::ceremony {

struct Prepared {
  RunOptions options;  // resolved
  std::string binary_hash;
  ShareSets sets;
  std::string script_text;
};

Prepared prepare(const script::Script& script, const RunOptions& options);
void open_token(Context& ctx);
// The read-write session, recorded as token-opened.
void open_session(Context& ctx);
// The transcript's path and its final checkpoint root (hex and PGP words).
void report_end(Context& ctx, RunStatus status);
// The rest of a run or resume once its transcript line is written: stale temporary files
// reported, SIGINT/SIGTERM caught at safe points, the session opened (a failure recorded as
// ceremony-failed), the steps from `from`, and the end report.
RunStatus run_prepared(Context& ctx, const Prepared& p, const Secret& user_pin,
                       const Continuation& from);

}  // namespace kr::ceremony
