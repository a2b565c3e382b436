// Proof files: every line proven under every checkpoint that covers it, consistency between every
// pair of checkpoints, and altered proofs refused with their reason.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/sample_transcript.h"
#include "support/temp_dir.h"
#include "transcript/proof.h"
#include "util/error.h"

using namespace kr;
using namespace kr::transcript;

TEST_SUITE("transcript::proof") {
  TEST_CASE("every line under every checkpoint covering it, and every pair of checkpoints") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    test::write_sample_transcript(dir / "t.jsonl", keys);
    const std::uint64_t checkpoints[] = {5, 9, 13};
    for (auto cp : checkpoints)
      for (std::uint64_t i = 0; i < cp; ++i) {
        CAPTURE(cp);
        CAPTURE(i);
        auto v = verify_proof(to_json(prove_inclusion(dir / "t.jsonl", i, cp)), keys.audit.get());
        CHECK(v.ok);
        CHECK(v.kind == "inclusion");
      }
    auto last = prove_inclusion(dir / "t.jsonl", 3, std::nullopt);
    CHECK(last.tree_size == 13);
    for (auto a : checkpoints)
      for (auto b : checkpoints)
        if (a < b) CHECK(verify_proof(to_json(prove_consistency(dir / "t.jsonl", a, b)), keys.audit.get()).ok);
  }

  TEST_CASE("altered proofs and the wrong audit key are refused") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    test::write_sample_transcript(dir / "t.jsonl", keys);
    auto good = nlohmann::json::parse(to_json(prove_inclusion(dir / "t.jsonl", 6, 9)));
    auto check = [&](nlohmann::json j) { return verify_proof(j.dump(), keys.audit.get()).summary; };

    auto line = good;
    line["line"] = good["line"].get<std::string>().replace(good["line"].get<std::string>().find("root-ca-1"), 9, "root-ca-2");
    CHECK(check(line) == "the inclusion proof of line 6 does not lead to the checkpoint's root");
    auto index = good;
    index["index"] = 7;
    CHECK(check(index) == "\"line\" does not carry \"seq\":7");
    auto hash = good;
    hash["hashes"][0] = std::string(64, '0');
    CHECK(check(hash) == "the inclusion proof of line 6 does not lead to the checkpoint's root");
    auto size = good;
    size["tree-size"] = 13;
    CHECK(check(size) == "\"tree-size\" is not the checkpoint's tree size");
    auto line0 = good;
    line0["line-0"] = good["line-0"].get<std::string>().replace(good["line-0"].get<std::string>().find("Alex"), 4, "Alec");
    CHECK(check(line0).find("origin 'keyrite/demo-2026/") != std::string::npos);
    CHECK(verify_proof("{\"keyrite-proof\":", keys.audit.get()).summary ==
          "invalid JSON at byte 17: unexpected end of line, expected a value");

    ossl::EvpPkeyPtr other(EVP_EC_gen("P-256"));
    CHECK(verify_proof(good.dump(), other.get()).summary ==
          "checkpoint: no signature of keyrite-audit with its key ID, though the checkpoint names it");

    auto cons = nlohmann::json::parse(to_json(prove_consistency(dir / "t.jsonl", 5, 13)));
    cons["first-checkpoint"] = good["checkpoint"];  // the checkpoint at 9 in place of the one at 5
    CHECK(verify_proof(cons.dump(), keys.audit.get()).summary ==
          "\"first-size\" and \"second-size\" are not the checkpoints' tree sizes");
  }

  TEST_CASE("proving what no checkpoint covers is refused") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    test::write_sample_transcript(dir / "t.jsonl", keys);
    CHECK_THROWS_WITH(prove_inclusion(dir / "t.jsonl", 13, std::nullopt),
                      ((dir / "t.jsonl").string() + ": line 13 is not covered by the checkpoint at line 13").c_str());
    CHECK_THROWS_WITH(prove_inclusion(dir / "t.jsonl", 2, 4),
                      ((dir / "t.jsonl").string() + ": line 4 is not a checkpoint").c_str());
    CHECK_THROWS_WITH(prove_consistency(dir / "t.jsonl", 9, 5),
                      ((dir / "t.jsonl").string() + ": --from-checkpoint must be an earlier checkpoint than --to-checkpoint").c_str());
  }
}
