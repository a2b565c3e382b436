// Paused and resumed transcripts: the writer continues an existing file (TranscriptWriter's
// Continue), its Merkle tree running on over the whole file, and the verifier accepts
// ceremony-resumed only where kr-ceremony resume may write it.
#include <doctest/doctest.h>

#include "support/sample_transcript.h"
#include "support/temp_dir.h"
#include "transcript/verify.h"
#include "util/atomic_file.h"
#include "util/error.h"

using namespace kr;
using namespace kr::transcript;

namespace {

Event event(EventType type, const std::string& target, const std::string& step = "") {
  Event e;
  e.type = type;
  e.operator_name = "Alex Admin";
  e.target = target;
  e.step = step;
  e.cause = step.empty() ? "ceremony" : "script step " + step;
  return e;
}

Event started() {
  auto e = event(EventType::ceremony_started, "ceremony:room");
  e.details["script"] = "keyrite: 1\n";
  return e;
}

struct Files {
  test::TempDir dir;
  test::SampleKeys keys = test::make_sample_keys();
  NoteSigner audit() const { return make_note_signer(kAuditKeyName, keys.audit.get()); }
  VerifyResult verify(const std::string& name) const {
    return verify_transcript(dir / name, keys.audit.get());
  }
  // started, a step, paused (sealed unless `sealed` is false); returns the path.
  std::filesystem::path paused(const std::string& name, bool sealed = true) {
    TranscriptWriter w(dir / name, Durability::no_fsync);
    w.append(started());
    w.append(event(EventType::key_generated, "key:root", "key-1"));
    w.append_checkpoint({audit()});
    w.append(event(EventType::quorum_failed, "step:cert-1", "cert-1"));
    w.append(event(EventType::ceremony_paused, "ceremony:room"));
    if (sealed) w.append_checkpoint({audit()});
    return dir / name;
  }
  // Continues `path` to the end of the ceremony; returns the writer's final root.
  Hash finish(const std::filesystem::path& path) {
    TranscriptWriter w(path, TranscriptWriter::Continue{});
    w.append(event(EventType::ceremony_resumed, "ceremony:room"));
    w.append(event(EventType::certificate_signed, "file:root.crt", "cert-1"));
    w.append(event(EventType::ceremony_finished, "ceremony:room"));
    w.append_checkpoint({audit()});
    return w.root();
  }
};

}  // namespace

TEST_SUITE("transcript::resume") {
  TEST_CASE("a paused transcript verifies, says it is paused, and resumes to a finished one") {
    Files f;
    auto path = f.paused("p.jsonl");
    auto r = f.verify("p.jsonl");
    CHECK(r.verdict == Verdict::ok);
    CHECK(r.ending == "paused");
    CHECK(r.resumptions == 0);
    f.finish(path);
    r = f.verify("p.jsonl");
    CHECK(r.reason == "");
    CHECK(r.verdict == Verdict::ok);
    CHECK(r.ending == "finished");
    CHECK(r.resumptions == 1);
    CHECK(r.lines == 10);
    // The continued tree is the tree of the whole file: the last checkpoint covers line 0 on.
    REQUIRE(r.last_checkpoint);
    CHECK(r.last_checkpoint->seq == 9);
  }

  TEST_CASE("the continued writer's root is the root a fresh reading computes") {
    Files f;
    auto path = f.paused("p.jsonl");
    const Hash written = f.finish(path);
    TranscriptWriter again(path, TranscriptWriter::Continue{});
    CHECK(again.root() == written);
    CHECK(again.size() == 10);
    REQUIRE(again.last_checkpoint());
    CHECK(again.last_checkpoint()->seq == 9);
  }

  TEST_CASE("a crash (no closing event) is resumed; a pause without a checkpoint too") {
    Files f;
    {
      TranscriptWriter w(f.dir / "c.jsonl", Durability::no_fsync);
      w.append(started());
      w.append(event(EventType::key_generated, "key:root", "key-1"));
      w.append_checkpoint({f.audit()});
      w.append(event(EventType::approval_recorded, "custodian:Ana Ortiz", "cert-1"));
    }
    CHECK(f.verify("c.jsonl").verdict == Verdict::incomplete);
    f.finish(f.dir / "c.jsonl");
    CHECK(f.verify("c.jsonl").verdict == Verdict::ok);

    auto unsealed = f.paused("u.jsonl", false);
    auto r = f.verify("u.jsonl");
    CHECK(r.verdict == Verdict::incomplete);
    CHECK(r.ending == "paused");
    f.finish(unsealed);
    CHECK(f.verify("u.jsonl").verdict == Verdict::ok);
  }

  TEST_CASE("ceremony-resumed after ceremony-finished is refused") {
    Files f;
    auto path = f.paused("p.jsonl");
    f.finish(path);
    f.finish(path);
    auto r = f.verify("p.jsonl");
    CHECK(r.verdict == Verdict::failed);
    CHECK(r.failed_line == 10);
    CHECK(
        r.reason ==
        "line 10: ceremony-resumed after ceremony-finished: a finished ceremony is not continued");
  }

  TEST_CASE("after ceremony-paused only the closing checkpoint or ceremony-resumed may follow") {
    Files f;
    auto path = f.paused("p.jsonl", false);
    {
      TranscriptWriter w(path, TranscriptWriter::Continue{});
      w.append(event(EventType::key_generated, "key:other", "key-2"));
    }
    auto r = f.verify("p.jsonl");
    CHECK(r.verdict == Verdict::failed);
    CHECK(r.reason == "line 5: the line after ceremony-paused must be the closing checkpoint");
  }

  TEST_CASE("the writer refuses to continue a file whose last line was cut") {
    Files f;
    auto path = f.paused("p.jsonl");
    append_synced(path, "{\"seq\":6,\"type\":\"ceremony-res", "the test");
    CHECK_THROWS_AS(TranscriptWriter(path, TranscriptWriter::Continue{}), Error);
  }
}
