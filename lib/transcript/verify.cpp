// The verifier's single pass. Each line is checked in the order a reader would: JSON, position
// (seq), kind, then what the kind requires; the line's leaf hash joins the tree only after it
// holds.
#include "transcript/verify.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "transcript/line_reader.h"
#include "transcript/trust.h"
#include "transcript/value_formats.h"
#include "util/error.h"
#include "util/regular_file.h"

namespace kr::transcript {
namespace {

constexpr std::array<std::string_view, 11> kEventFields = {
    "seq",   "type", "time",   "outcome", "operator", "target",
    "cause", "step", "inputs", "outputs", "details"};
constexpr std::array<std::string_view, 5> kCheckpointFields = {"seq", "type", "time", "tree-size",
                                                               "note"};

struct LineFailure {
  std::string reason;
};

class Verifier {
 public:
  Verifier(const EVP_PKEY* audit_key, const VerifyOptions& options)
      : keys_(audit_key), limits_{options.max_depth, 32, true}, max_line_(options.max_line_bytes) {}

  VerifyResult run(LineReader& reader) {
    std::string_view line;
    for (;;) {
      auto status = reader.next(line);
      if (status == LineReader::Status::end) break;
      if (status == LineReader::Status::too_long)
        return fail(r_.lines, "line " + std::to_string(r_.lines) + " is longer than " +
                                  std::to_string(max_line_) + " bytes");
      try {
        check_line(line);
      } catch (const LineFailure& f) {
        return fail(r_.lines, f.reason);
      }
      tree_.append(leaf_hash(line));
      ++r_.lines;
    }
    r_.trailing_bytes = reader.trailing_bytes();
    if (r_.trailing_bytes > 0) {
      // A cut write leaves a prefix of the next line, and every line starts the same way; other
      // bytes (a CR, a TAB, a blank) were added, not cut.
      const std::string start = "{\"seq\":" + std::to_string(r_.lines) + ",\"type\":\"";
      const std::string& head = reader.trailing_head();
      const std::size_t n = std::min(head.size(), start.size());
      if (sealed_ || head.compare(0, n, start, 0, n) != 0)
        return fail(r_.lines, "the " + std::to_string(r_.trailing_bytes) +
                                  " bytes after the last newline are not the beginning of line " +
                                  std::to_string(r_.lines) +
                                  (sealed_ ? " (none may follow the closing checkpoint)" : "") +
                                  ": a cut write leaves a prefix of " + start + "...");
    }
    if (r_.trailing_bytes > 0) {
      r_.verdict = Verdict::incomplete;
      r_.reason = "the last line (" + std::to_string(r_.trailing_bytes) + " bytes after line " +
                  (r_.lines ? std::to_string(r_.lines - 1) : std::string("-")) +
                  ") has no newline: a write was cut short";
    } else if (r_.lines == 0) {
      r_.verdict = Verdict::incomplete;
      r_.reason = "the transcript is empty";
    } else if (!sealed_ && closed_) {
      // The ceremony closed but its closing checkpoint was never signed (a token failure while
      // closing, then on the retry): everything after the last checkpoint is unsigned.
      r_.verdict = Verdict::incomplete;
      const std::uint64_t from = r_.last_checkpoint ? r_.last_checkpoint->seq + 1 : 0;
      r_.reason = "unsigned tail: lines " + std::to_string(from) + ".." +
                  std::to_string(r_.lines - 1) + " end with " + closing_type_ +
                  " but no checkpoint signs them" +
                  (r_.last_checkpoint ? " (the last signed checkpoint is line " +
                                            std::to_string(r_.last_checkpoint->seq) + ")"
                                      : std::string(" (no line is signed)"));
    } else if (!sealed_) {
      r_.verdict = Verdict::incomplete;
      r_.reason = "the transcript stops after line " + std::to_string(r_.lines - 1) +
                  " without the closing checkpoint after ceremony-finished, ceremony-failed or "
                  "ceremony-paused";
    } else {
      r_.verdict = Verdict::ok;
    }
    if (closed_) r_.ending = closing_type_.substr(std::string_view("ceremony-").size());
    return r_;
  }

 private:
  VerifyResult fail(std::uint64_t seq, std::string reason) {
    r_.verdict = Verdict::failed;
    r_.failed_line = seq;
    r_.reason = std::move(reason);
    return r_;
  }

  [[noreturn]] void bad(const std::string& reason) const {
    throw LineFailure{"line " + std::to_string(r_.lines) + ": " + reason};
  }

  template <std::size_t N>
  void expect_fields(const std::array<std::string_view, N>& names, const char* kind) const {
    bool same = fields_.size() == N;
    for (std::size_t i = 0; same && i < N; ++i) same = fields_[i].name == names[i];
    if (!same) {
      std::string want;
      for (auto n : names) want += (want.empty() ? "" : ",") + std::string(n);
      bad(std::string("a ") + kind + " line must have exactly the fields " + want +
          " in that order");
    }
  }

  // details is a JSON object the scan has bounded and checked; its binary_sha256 names the run's
  // kr-ceremony binary.
  void record_binary() {
    const auto details = nlohmann::json::parse(fields_[10].value, nullptr, false);
    VerifyResult::RecordedBinary b{r_.lines, ""};
    if (details.is_object() && details.contains("binary_sha256") &&
        details["binary_sha256"].is_string())
      b.sha256 = details["binary_sha256"].get<std::string>();
    r_.binaries.push_back(std::move(b));
  }

  void check_line(std::string_view line) {
    try {
      scan_json_object(line, limits_, fields_);
    } catch (const JsonError& e) {
      bad("invalid JSON at byte " + std::to_string(e.offset()) + ": " + e.what());
    }
    if (fields_.size() < 2 || fields_[0].name != "seq" || fields_[1].name != "type")
      bad("the first two fields must be \"seq\" and \"type\"");
    auto seq = json_to_uint64(fields_[0].value);
    if (!seq || *seq != r_.lines)
      bad("\"seq\" is " + std::string(fields_[0].value) + ", expected " + std::to_string(r_.lines));
    auto type = json_to_string(fields_[1].value);
    if (!type || type->empty()) bad("\"type\" is not a non-empty string");
    if (*type == "ceremony-resumed") {
      // kr-ceremony resume continues a paused or failed ceremony after its closing checkpoint,
      // or one a crash cut off (no closing event); a finished ceremony is never continued.
      if (closing_type_ == "ceremony-finished")
        bad("ceremony-resumed after ceremony-finished: a finished ceremony is not continued");
      closed_ = sealed_ = false;
      closing_type_.clear();
      ++r_.resumptions;
    }
    if (sealed_) bad("a line after the closing checkpoint");
    if (*type == "checkpoint") return check_checkpoint(line);
    // The one exception: when the closing checkpoint after ceremony-finished could not be signed,
    // the writer records that failure as ceremony-failed and tries the checkpoint again.
    const bool closing_failed =
        closed_ && closing_type_ == "ceremony-finished" && *type == "ceremony-failed";
    if (closed_ && !closing_failed)
      bad("the line after " + closing_type_ + " must be the closing checkpoint");
    expect_fields(kEventFields, "event");
    check_event_values();
    if (r_.lines == 0) {
      if (*type != "ceremony-started") bad("the first line is not the ceremony-started event");
      try {
        auto anchor = read_anchor(line, limits_);
        r_.ceremony_id = anchor.ceremony_id;
        r_.origin = anchor.origin;
        if (anchor.roster) keys_.add_roster(*anchor.roster);
      } catch (const Error& e) {
        throw LineFailure{e.what()};
      }
    } else if (*type == "ceremony-started") {
      bad("a second ceremony-started event");
    }
    if (*type == "ceremony-started" || *type == "ceremony-resumed") record_binary();
    if (*type == "ceremony-finished" || *type == "ceremony-failed" || *type == "ceremony-paused") {
      closed_ = true;
      closing_type_ = *type;
    }
    ++r_.events;
  }

  // Every value's format (docs/transcript-format.md section 2): what the writer produces and
  // nothing else, so a verifier and a reader agree on what each line says.
  void check_event_values() const {
    auto time = json_to_string(fields_[2].value);
    if (!time || !valid_time_millis(*time))
      bad("\"time\" is not UTC with milliseconds (YYYY-MM-DDTHH:MM:SS.mmmZ)");
    if (fields_[3].value != "\"success\"" && fields_[3].value != "\"failure\"")
      bad("\"outcome\" is neither \"success\" nor \"failure\"");
    for (std::size_t i : {4, 6, 7})
      if (!json_to_string(fields_[i].value)) bad("\"" + fields_[i].name + "\" is not a string");
    auto target = json_to_string(fields_[5].value);
    if (!target || !valid_target(*target))
      bad("\"target\" is not \"<kind>:<name>\" (a lower-case kind such as key, file, token, step, "
          "custodian or ceremony, and a non-empty name)");
    for (std::size_t i : {8, 9})
      if (auto problem = digest_list_problem(fields_[i].value))
        bad("\"" + fields_[i].name + "\"" + (problem->front() == '[' ? "" : " ") + *problem);
    if (fields_[10].value.empty() || fields_[10].value.front() != '{')
      bad("\"details\" is not an object");
  }

  void check_checkpoint(std::string_view line) {
    if (r_.lines == 0) bad("the first line is not the ceremony-started event");
    expect_fields(kCheckpointFields, "checkpoint");
    auto size = json_to_uint64(fields_[3].value);
    if (!size || *size != r_.lines)
      bad("\"tree-size\" is " + std::string(fields_[3].value) + ", expected " +
          std::to_string(r_.lines));
    auto time = json_to_string(fields_[2].value);
    auto note = json_to_string(fields_[4].value);
    if (!time || !note) bad("\"time\" and \"note\" must be strings");
    if (checkpoint_line(r_.lines, *time, *note) != line)
      bad("the checkpoint line is not in canonical form (field spacing or string escapes differ)");
    std::string what = "line " + std::to_string(r_.lines) + " (checkpoint)";
    CheckpointBody body;
    try {
      body = check_checkpoint_note(*note, r_.origin, keys_, what);
    } catch (const Error& e) {
      throw LineFailure{e.what()};
    }
    if (body.tree_size != r_.lines)
      bad("the signed tree size " + std::to_string(body.tree_size) + " is not the line's position");
    if (body.root != tree_.root())
      bad("the signed root hash is not the root of lines 0.." + std::to_string(r_.lines - 1) +
          ": a line before it was changed, added or removed");
    if (body.time != *time) bad("the signed time is not the line's \"time\"");
    r_.last_checkpoint = VerifiedCheckpoint{r_.lines, body.root, body.time, body.signers};
    ++r_.checkpoints;
    if (closed_) sealed_ = true;
  }

  TrustedKeys keys_;
  JsonLimits limits_;
  std::size_t max_line_;
  std::vector<JsonField> fields_;
  MerkleStream tree_;
  bool closed_ = false, sealed_ = false;
  std::string closing_type_;
  VerifyResult r_;
};

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok:
      return "ok";
    case Verdict::incomplete:
      return "incomplete";
    case Verdict::failed:
      return "failed";
  }
  return "failed";
}

VerifyResult verify_transcript(const std::filesystem::path& file, const EVP_PKEY* audit_key,
                               const VerifyOptions& options) {
  UniqueFd fd = open_regular_file(file, "the transcript");
  ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  Verifier verifier(audit_key, options);  // refuses a wrong kind of audit key before reading
  LineReader reader(fd.get(), options.max_line_bytes, file.string());
  return verifier.run(reader);
}

VerifyResult verify_transcript_bytes(std::string_view data, const EVP_PKEY* audit_key,
                                     const VerifyOptions& options) {
  Verifier verifier(audit_key, options);
  LineReader reader(data, options.max_line_bytes);
  return verifier.run(reader);
}

}  // namespace kr::transcript
