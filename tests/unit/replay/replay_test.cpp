// Replay of a small but real ceremony (replay_fixture.h): the clean case, tampered artifacts, and
// every way a quorum can fail.
#include "replay/replay.h"

#include <doctest/doctest.h>

#include <fstream>

#include "replay/report.h"
#include "unit/replay/replay_fixture.h"
#include "util/exit_status.h"

namespace {

using kr::replay::Overall;
using kr::replay::StepStatus;
using kr::test::ApprovalSpec;
using kr::test::ReplayFixture;

kr::replay::ReplayReport run(const ReplayFixture& f) {
  return kr::replay::replay_transcript(f.transcript(), f.keys.audit.get(), {f.artifacts(), {}});
}

const kr::replay::StepVerdict& step(const kr::replay::ReplayReport& r, const std::string& id) {
  for (const auto& s : r.steps)
    if (s.step == id) return s;
  FAIL("no verdict for step " << id);
  throw 0;
}

// True when one of the step's problems contains `text`.
bool problem(const kr::replay::ReplayReport& r, const std::string& id, const std::string& text) {
  for (const auto& p : step(r, id).problems)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

bool checked(const kr::replay::ReplayReport& r, const std::string& id, const std::string& text) {
  for (const auto& p : step(r, id).checked)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

// Only step `id` failed; every other step is ok.
void only_failed(const kr::replay::ReplayReport& r, const std::string& id) {
  CHECK(r.overall == Overall::failed);
  for (const auto& s : r.steps) {
    INFO(s.step << ": " << kr::replay::render_text(r, "t"));
    CHECK((s.status == StepStatus::failed) == (s.step == id));
  }
}

void rewrite(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::remove(file);
  kr::write_new_file(file, kr::as_bytes(text));
}

std::string text_of(const std::filesystem::path& file) {
  auto data = kr::read_file(file);
  return std::string(data.begin(), data.end());
}

}  // namespace

TEST_SUITE("replay::artifacts") {
  TEST_CASE("a clean ceremony replays ok, every certificate and the CSR re-derived byte for byte") {
    ReplayFixture f;
    f.write();
    auto r = run(f);
    INFO(kr::replay::render_text(r, "t"));
    CHECK(r.overall == Overall::ok);
    REQUIRE(r.steps.size() == 5);
    for (const auto& s : r.steps) CHECK(s.status == StepStatus::ok);
    CHECK(r.quorum == "2-of-3 (set activation-set-1)");
    CHECK(checked(r, "cert-1", "to-be-signed certificate re-derived byte for byte"));
    CHECK(checked(r, "cert-2", "to-be-signed certificate re-derived byte for byte"));
    CHECK(checked(r, "csr-2", "to-be-signed CSR re-derived byte for byte"));
    CHECK(checked(r, "cert-2", "signature verified by Botan"));
    CHECK(checked(r, "cert-2", "signature verified by OpenSSL"));
    CHECK(checked(r, "cert-2", "lint against profile subordinate-ca: no errors"));
    CHECK(checked(r, "cert-1", "quorum 2-of-3: approved by Cara, Dev"));
    CHECK(kr::replay::exit_status(r) == 0);
  }

  TEST_CASE("a modified artifact fails its step") {
    ReplayFixture f;
    f.write();
    auto text = text_of(f.artifact("sub.crt"));
    text[40] = text[40] == 'A' ? 'B' : 'A';
    rewrite(f.artifact("sub.crt"), text);
    auto r = run(f);
    only_failed(r, "cert-2");
    CHECK(problem(r, "cert-2", "artifact: sub.crt has SHA-256"));
    CHECK(problem(r, "cert-2", "modified or swapped"));
    CHECK(kr::replay::exit_status(r) == kr::kExitFoundWrong);
  }

  TEST_CASE("a missing artifact fails its step, and the step that read it") {
    ReplayFixture f;
    f.write();
    std::filesystem::remove(f.artifact("sub.csr"));
    auto r = run(f);
    CHECK(r.overall == Overall::failed);
    CHECK(problem(r, "csr-2", "artifact: sub.csr is missing from the artifacts directory"));
    CHECK(problem(r, "cert-2", "input sub.csr not found"));
    CHECK(step(r, "cert-1").status == StepStatus::ok);
  }

  TEST_CASE("two swapped artifacts fail both steps, each naming the other's") {
    ReplayFixture f;
    f.write();
    auto root = text_of(f.artifact("root.crt"));
    auto sub = text_of(f.artifact("sub.crt"));
    rewrite(f.artifact("root.crt"), sub);
    rewrite(f.artifact("sub.crt"), root);
    auto r = run(f);
    CHECK(problem(r, "cert-1", "it is the artifact of step cert-2 (sub.crt)"));
    CHECK(problem(r, "cert-2", "it is the artifact of step cert-1 (root.crt)"));
  }

  TEST_CASE("a certificate that the script and profile do not re-derive fails byte for byte") {
    // The artifact matches its recorded hash, but under these profiles the script asks for a
    // root signed ecdsa-with-SHA384 (the profile's P-256 default changed): the to-be-signed
    // bytes differ in their signature AlgorithmIdentifier and replay names the difference.
    ReplayFixture f;
    f.write();
    kr::test::TempDir profiles{"kr-replay-profiles"};
    for (const auto& entry :
         std::filesystem::directory_iterator(kr::profile::default_profiles_dir()))
      std::filesystem::copy(entry.path(), profiles.path() / entry.path().filename());
    auto root_profile = text_of(profiles.path() / "root-ca.yaml");
    const std::string p256 = "curve: P-256, default-signature-algorithm: ecdsa-with-SHA256";
    auto at = root_profile.find(p256);
    REQUIRE(at != std::string::npos);
    root_profile.replace(at, p256.size(),
                         "curve: P-256, default-signature-algorithm: ecdsa-with-SHA384");
    rewrite(profiles.path() / "root-ca.yaml", root_profile);
    auto r = kr::replay::replay_transcript(f.transcript(), f.keys.audit.get(),
                                           {f.artifacts(), profiles.path()});
    INFO(kr::replay::render_text(r, "t"));
    CHECK(problem(r, "cert-1", "re-derived to-be-signed certificate"));
    CHECK(problem(r, "cert-1", "differs from root.crt's"));
    CHECK(problem(r, "cert-1",
                  "signature algorithm: the transcript records \"ecdsa-with-SHA256\", replay "
                  "derives \"ecdsa-with-SHA384\""));
  }
}

TEST_SUITE("replay::quorum") {
  TEST_CASE("fewer than m approvals") {
    ReplayFixture f;
    f.approvals = [](std::size_t i) {
      return i == 1 ? std::vector<ApprovalSpec>{{"Cara"}}
                    : std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "cert-1");
    CHECK(problem(
        r, "cert-1",
        "quorum: 1 valid approvals from distinct custodians on the roster (Cara), 2-of-3 needs 2"));
  }

  TEST_CASE("an approval from someone off the roster") {
    ReplayFixture f;
    f.approvals = [](std::size_t i) {
      return i == 1 ? std::vector<ApprovalSpec>{{"Cara"}, {"Mallory"}}
                    : std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "cert-1");
    CHECK(problem(r, "cert-1",
                  "custodian Mallory: approval is not on the roster of set activation-set-1"));
    CHECK(problem(r, "cert-1", "2-of-3 needs 2"));
  }

  TEST_CASE("an approval signed with another custodian's key") {
    ReplayFixture f;
    f.approvals = [](std::size_t i) {
      return i == 2 ? std::vector<ApprovalSpec>{{"Cara"}, {"Dev", "Eli"}}
                    : std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "key-2");
    CHECK(problem(r, "key-2", "custodian Dev: approval signature does not verify"));
  }

  TEST_CASE("the same custodian twice counts once") {
    ReplayFixture f;
    f.approvals = [](std::size_t i) {
      return i == 0 ? std::vector<ApprovalSpec>{{"Cara"}, {"Cara"}}
                    : std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "key-1");
    CHECK(problem(r, "key-1", "custodian Cara approved this step twice; counted once"));
    CHECK(problem(r, "key-1", "quorum: 1 valid approvals"));
  }

  TEST_CASE("an approval for another step") {
    ReplayFixture f;
    f.approvals = [](std::size_t i) {
      return i == 4 ? std::vector<ApprovalSpec>{{"Cara"}, {"Dev", "", "cert-1"}}
                    : std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "cert-2");
    CHECK(problem(r, "cert-2", "custodian Dev: approval approves step cert-1"));
    CHECK(problem(r, "cert-2", "the script's step hashes to"));
  }

  TEST_CASE("an approval reused from before the previous gated step's result") {
    ReplayFixture f;
    // Dev's approval of cert-2 names the log as it was when cert-1 started: signed then, kept
    // back, and presented two steps later.
    f.approvals = [&f](std::size_t i) {
      if (i != 4) return std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
      ApprovalSpec old{"Dev"};
      old.log = f.heads.at(1);
      return std::vector<ApprovalSpec>{{"Cara"}, old};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "cert-2");
    CHECK(problem(r, "cert-2", "an approval reused from earlier"));
  }

  TEST_CASE("an approval whose log-root does not match the transcript") {
    ReplayFixture f;
    f.approvals = [&f](std::size_t i) {
      if (i != 3) return std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
      ApprovalSpec forged{"Dev"};
      forged.log = {f.heads.at(3).first, std::string(64, '0')};
      return std::vector<ApprovalSpec>{{"Cara"}, forged};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "csr-2");
    CHECK(problem(r, "csr-2", "log-root is not the Merkle head of the transcript's first"));
  }

  TEST_CASE("an expired approval") {
    ReplayFixture f;
    f.approvals = [](std::size_t i) {
      if (i != 1) return std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
      ApprovalSpec stale{"Dev"};
      stale.age = std::chrono::minutes(20);
      return std::vector<ApprovalSpec>{{"Cara"}, stale};
    };
    f.write();
    auto r = run(f);
    only_failed(r, "cert-1");
    CHECK(problem(r, "cert-1", "custodian Dev: approval expired: signed at"));
  }
}

TEST_SUITE("replay::report") {
  TEST_CASE("a transcript that does not verify is not replayed") {
    ReplayFixture f;
    f.write();
    auto text = text_of(f.transcript());
    text.replace(text.find("root.crt"), 8, "ruut.crt");
    rewrite(f.transcript(), text);
    auto r = run(f);
    CHECK(r.overall == Overall::failed);
    CHECK(r.steps.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].find("the transcript does not verify") == 0);
  }

  TEST_CASE("the JSON report carries a verdict per step") {
    ReplayFixture f;
    f.write();
    std::filesystem::remove(f.artifact("root.crt"));
    auto j = nlohmann::json::parse(kr::replay::render_json(run(f), "t.jsonl"));
    CHECK(j["verdict"] == "failed");
    CHECK(j["steps"].size() == 5);
    CHECK(j["steps"][1]["id"] == "cert-1");
    CHECK(j["steps"][1]["verdict"] == "failed");
    CHECK(j["steps"][0]["verdict"] == "ok");
  }
}
