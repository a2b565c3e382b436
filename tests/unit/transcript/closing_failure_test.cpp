// A failure while closing: ceremony-failed may follow ceremony-finished (the closing checkpoint
// failed once and was retried), and a transcript whose closing checkpoint was never signed is
// called an "unsigned tail" (docs/transcript-format.md section 9).
#include <doctest/doctest.h>

#include "support/sample_transcript.h"
#include "support/temp_dir.h"
#include "transcript/verify.h"

using namespace kr;
using namespace kr::transcript;

namespace {

Event event(EventType type) {
  Event e;
  e.type = type;
  e.operator_name = "Alex";
  e.target = "ceremony:closing-2026";
  e.cause = "test";
  return e;
}

// Writes the listed events, a checkpoint wherever nullopt stands.
void write(const std::filesystem::path& path, EVP_PKEY* audit,
           const std::vector<std::optional<EventType>>& lines) {
  TranscriptWriter w(path, Durability::no_fsync);
  auto signer = make_note_signer(kAuditKeyName, audit);
  for (const auto& line : lines)
    if (line)
      w.append(event(*line));
    else
      w.append_checkpoint({signer});
}

}  // namespace

TEST_SUITE("transcript::verify closing failures") {
  TEST_CASE("ceremony-failed after ceremony-finished, then the closing checkpoint: ok") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    write(dir / "t.jsonl", keys.audit.get(),
          {EventType::ceremony_started, std::nullopt, EventType::ceremony_finished,
           EventType::ceremony_failed, std::nullopt});
    auto r = verify_transcript(dir / "t.jsonl", keys.audit.get());
    CHECK(r.reason == "");
    CHECK(r.verdict == Verdict::ok);
  }

  TEST_CASE("no closing checkpoint after the closing events: an unsigned tail") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    write(dir / "t.jsonl", keys.audit.get(),
          {EventType::ceremony_started, EventType::token_opened, std::nullopt,
           EventType::ceremony_finished, EventType::ceremony_failed});
    auto r = verify_transcript(dir / "t.jsonl", keys.audit.get());
    CHECK(r.verdict == Verdict::incomplete);
    CHECK(r.reason ==
          "unsigned tail: lines 3..4 end with ceremony-failed but no checkpoint signs them (the "
          "last signed checkpoint is line 2)");
  }

  TEST_CASE("only ceremony-failed may follow ceremony-finished, and only once") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    write(dir / "a.jsonl", keys.audit.get(),
          {EventType::ceremony_started, EventType::ceremony_failed, EventType::ceremony_failed});
    CHECK(verify_transcript(dir / "a.jsonl", keys.audit.get()).verdict == Verdict::failed);
    write(dir / "b.jsonl", keys.audit.get(),
          {EventType::ceremony_started, EventType::ceremony_finished, EventType::ceremony_failed,
           EventType::ceremony_failed});
    auto b = verify_transcript(dir / "b.jsonl", keys.audit.get());
    CHECK(b.verdict == Verdict::failed);
    CHECK(b.failed_line == 3);
    write(dir / "c.jsonl", keys.audit.get(),
          {EventType::ceremony_started, EventType::ceremony_finished, EventType::token_opened});
    CHECK(verify_transcript(dir / "c.jsonl", keys.audit.get()).verdict == Verdict::failed);
  }
}
