// Rendering a VerifyResult.
#include "transcript/verify_report.h"

#include <nlohmann/json.hpp>

#include "util/exit_status.h"
#include "util/pgp_words.h"
#include "util/plural.h"

namespace kr::transcript {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string coverage(const VerifyResult& r) {
  if (!r.last_checkpoint) return "no checkpoint covers any line";
  const auto& c = *r.last_checkpoint;
  std::string s = "the last verified checkpoint is line " + std::to_string(c.seq) +
                  ", covering lines 0-" + std::to_string(c.seq - 1);
  if (r.lines > c.seq + 1)
    s += "; lines " + std::to_string(c.seq + 1) + "-" + std::to_string(r.lines - 1) +
         " hold but no signature covers them";
  return s;
}

}  // namespace

std::string render_text(const VerifyResult& r, const std::string& file,
                        const std::string& audit_key_spki) {
  std::string out = "transcript: " + file + "\n";
  if (!audit_key_spki.empty())
    out += "audit key:  SPKI SHA-256 " + audit_key_spki + " (trusted as given)\n";
  if (!r.ceremony_id.empty())
    out += "ceremony:   " + r.ceremony_id + " (origin " + r.origin + ")\n";
  out += "lines:      " + std::to_string(r.lines) + " hold (" + count_of(r.events, "event") + ", " +
         count_of(r.checkpoints, "checkpoint") + ")\n";
  switch (r.verdict) {
    case Verdict::ok:
      out += "verdict:    ok\n";
      break;
    case Verdict::incomplete:
      out += "verdict:    incomplete: " + r.reason + "\n";
      out += "            " + coverage(r) + "\n";
      break;
    case Verdict::failed:
      out += "verdict:    failed at line " + std::to_string(r.failed_line.value_or(0)) + ": " +
             r.reason + "\n";
      out += "            " + coverage(r) + "\n";
      break;
  }
  if (r.ending == "paused")
    out += "ceremony:   paused, resumable (kr-ceremony resume SCRIPT --log " + file + ")\n";
  if (r.resumptions > 0)
    out += "resumed:    " +
           (r.resumptions == 1 ? std::string("once") : count_of(r.resumptions, "time")) + "\n";
  if (r.last_checkpoint) {
    const auto& c = *r.last_checkpoint;
    out += std::string(r.verdict == Verdict::ok ? "final" : "last") + " checkpoint: line " +
           std::to_string(c.seq) + " at " + c.time + ", signed by " + join(c.signers) + "\n";
    out += "root:       " + to_hex(c.root) + "\n";
    out += "root in PGP words:\n" + pgp_word_rows(c.root) + "\n";
  }
  return out;
}

std::string render_json(const VerifyResult& r, const std::string& file,
                        const std::string& audit_key_spki) {
  nlohmann::ordered_json j;
  j["transcript"] = file;
  if (!audit_key_spki.empty()) j["audit-key-spki-sha256"] = audit_key_spki;
  j["verdict"] = to_string(r.verdict);
  j["reason"] = r.reason;
  j["failed-line"] =
      r.failed_line ? nlohmann::ordered_json(*r.failed_line) : nlohmann::ordered_json();
  j["ceremony"] = r.ceremony_id;
  j["origin"] = r.origin;
  j["lines"] = r.lines;
  j["events"] = r.events;
  j["checkpoints"] = r.checkpoints;
  j["trailing-bytes"] = r.trailing_bytes;
  j["ending"] = r.ending;
  j["resumptions"] = r.resumptions;
  if (r.last_checkpoint) {
    const auto& c = *r.last_checkpoint;
    j["last-checkpoint"] = {{"seq", c.seq},
                            {"tree-size", c.seq},
                            {"time", c.time},
                            {"root", to_hex(c.root)},
                            {"root-pgp-words", pgp_words(c.root)},
                            {"signers", c.signers}};
  } else {
    j["last-checkpoint"] = nullptr;
  }
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

int exit_status(const VerifyResult& r) {
  return r.verdict == Verdict::ok ? kExitOk : kExitFoundWrong;
}

}  // namespace kr::transcript
