// The paper log: blanks on the run-sheet, values from a closed transcript, in the same order.
#include "report/paper_log.h"

#include <doctest/doctest.h>

#include "script/parser.h"
#include "support/sample_transcript.h"
#include "support/temp_dir.h"
#include "util/atomic_file.h"

using namespace kr;

namespace {

// Two roots (cert-1, the sample transcript's certificate step, and cert-2, which it lacks).
script::Script two_roots(const std::filesystem::path& dir) {
  const std::string yaml = R"(keyrite: 1
ceremony: {id: demo-2026, test: true}
token: {module: softhsm2, label: root-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: key-1
    generate-key: {label: root-ca-1, type: ec, curve: P-256}
  - id: cert-1
    self-sign:
      key: root-ca-1
      profile: root-ca
      subject: {CN: Root 1}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root-ca-1.crt
  - id: cert-2
    self-sign:
      key: root-ca-1
      profile: root-ca
      subject: {CN: Root 2}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root-ca-2.crt
)";
  script::ParseOptions options;
  options.output_dir = dir;
  return script::parse_script_text(yaml, (dir / "demo.yaml").string(), options);
}

}  // namespace

TEST_SUITE("report::paper_log") {
  TEST_CASE("the run-sheet's blanks: root, tree size, then each root certificate's two digests") {
    test::TempDir dir;
    const auto log = report::paper_log(two_roots(dir.path()));
    REQUIRE(log.lines.size() == 7);
    CHECK(log.lines[0].label == "final transcript root (hex)");
    CHECK(log.lines[1].words);
    CHECK(log.lines[2].label == "tree size (lines the closing checkpoint covers)");
    CHECK(log.lines[3].label == "root root-ca-1.crt: certificate SHA-256 (of the DER)");
    CHECK(log.lines[6].label == "root root-ca-2.crt: SPKI SHA-256");
    for (const auto& line : log.lines) CHECK(line.value.empty());
    CHECK(log.signatures.front() == "administrator: Alex");
  }
  TEST_CASE("the run's end: the same lines with the closing checkpoint's values") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    const auto file = dir / "t.jsonl";
    test::write_sample_transcript(file, keys);
    const auto blank = report::paper_log(two_roots(dir.path()));
    const auto log = report::paper_log(two_roots(dir.path()), &file);
    REQUIRE(log.lines.size() == blank.lines.size());
    for (std::size_t i = 0; i < log.lines.size(); ++i)
      CHECK(log.lines[i].label == blank.lines[i].label);
    CHECK(log.lines[0].value.size() == 64);
    CHECK(log.lines[2].value == "13");  // the sample closes with the checkpoint on line 13
    std::size_t words = 1;
    for (char c : log.lines[1].value) words += c == ' ';
    CHECK(words == 32);
    // The sample's certificate event records no digests; cert-2 has no event at all.
    CHECK(log.lines[3].value == "(not in the transcript)");
    CHECK(log.lines[5].value == "(not in the transcript)");
    const std::string text = report::paper_log_text(log);
    CHECK(text.find(" 1  final transcript root (hex): " + log.lines[0].value + "\n") !=
          std::string::npos);
    CHECK(text.find(" 3  tree size (lines the closing checkpoint covers): 13\n") !=
          std::string::npos);
  }
  TEST_CASE("a transcript without its closing checkpoint says so instead of a root") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    const auto file = dir / "t.jsonl";
    test::write_sample_transcript(file, keys, test::SampleEnding::without_closing_checkpoint);
    const auto log = report::paper_log(two_roots(dir.path()), &file);
    CHECK(log.lines[0].value == "(no closing checkpoint)");
  }
}
