// docs/test-vectors: what the format document promises another implementation, checked against
// keyrite's own code (tests/integration/test_vectors_test.sh checks the same files with Python's
// hashlib and cryptography): the transcript verifies with the given roots, the approval message is
// byte for byte the documented form and verifies under the roster key, and the proofs hold.
#include <doctest/doctest.h>
#include <openssl/evp.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ossl/der.h"
#include "quorum/approval.h"
#include "script/parser.h"
#include "script/step_digest.h"
#include "transcript/proof.h"
#include "transcript/roster.h"
#include "transcript/verify.h"
#include "util/atomic_file.h"
#include "util/base64.h"

using namespace kr;

namespace {

const std::filesystem::path kDir = std::filesystem::path(KR_SOURCE_DIR) / "docs" / "test-vectors";

std::string text(const std::string& name) {
  auto bytes = read_file(kDir / name);
  return std::string(bytes.begin(), bytes.end());
}

std::vector<std::string> lines_of(const std::string& t) {
  std::vector<std::string> out;
  std::istringstream in(t);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

ossl::EvpPkeyPtr audit_key() {
  return ossl::read_public_key(read_file(kDir / "audit-key.pem"), "audit-key.pem");
}

// "key value" lines, '#' comments skipped.
std::map<std::string, std::string> fields(const std::string& name) {
  std::map<std::string, std::string> out;
  for (const auto& line : lines_of(text(name))) {
    if (line.empty() || line[0] == '#') continue;
    auto sp = line.find(' ');
    out[line.substr(0, sp)] = line.substr(sp + 1);
  }
  return out;
}

}  // namespace

TEST_SUITE("docs/test-vectors") {
  TEST_CASE("the transcript verifies and its checkpoints have the listed roots") {
    auto key = audit_key();
    auto r = transcript::verify_transcript(kDir / "transcript.jsonl", key.get());
    CHECK(r.verdict == transcript::Verdict::ok);
    CHECK(r.ceremony_id == "vector-2026");
    auto lines = lines_of(text("transcript.jsonl"));
    std::vector<transcript::Hash> leaves;
    for (const auto& l : lines) leaves.push_back(transcript::leaf_hash(l));
    std::size_t roots = 0;
    for (const auto& line : lines_of(text("roots.txt"))) {
      if (line.empty() || line[0] == '#') continue;
      auto seq = std::stoull(line.substr(0, line.find(' ')));
      auto root = line.substr(line.find(' ') + 1);
      CAPTURE(seq);
      REQUIRE(seq < lines.size());
      CHECK(nlohmann::json::parse(lines[seq])["type"] == "checkpoint");
      std::vector<transcript::Hash> prefix(leaves.begin(),
                                           leaves.begin() + static_cast<std::ptrdiff_t>(seq));
      CHECK(to_hex(transcript::merkle_root(prefix)) == root);
      ++roots;
    }
    CHECK(roots == r.checkpoints);
    REQUIRE(r.last_checkpoint);
    CHECK(r.last_checkpoint->seq == lines.size() - 1);
  }

  TEST_CASE("the approval message is the documented bytes and verifies under the roster's key") {
    auto lines = lines_of(text("transcript.jsonl"));
    auto key = fields("approval-key.txt");
    auto at = std::stoull(key.at("line"));
    REQUIRE(at < lines.size());
    auto event = nlohmann::json::parse(lines[at]);
    CHECK(event["type"] == "approval-recorded");
    auto approval =
        quorum::approval_from_json(event["details"]["approval"], "line " + key.at("line"));
    CHECK(nlohmann::ordered_json::parse(lines[at])["details"]["approval"].dump(2) + "\n" ==
          text("approval.json"));
    CHECK(quorum::approval_message(approval) == text("approval-message.txt"));

    auto line0 = nlohmann::json::parse(lines[0]);
    auto roster = transcript::read_roster(line0);
    REQUIRE(roster);
    CHECK(to_hex(roster->custodians.at(approval.custodian)) == key.at("public"));
    CHECK(quorum::verify_approval(approval, roster->custodians.at(approval.custodian)));
    // Ed25519 is deterministic: the seed gives the recorded signature again.
    auto seed = *from_hex(key.at("seed"));
    ossl::EvpPkeyPtr priv(
        EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr, seed.data(), seed.size()));
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, priv.get()) == 1);
    Bytes sig(64);
    std::size_t len = sig.size();
    auto message = text("approval-message.txt");
    REQUIRE(EVP_DigestSign(ctx.get(), sig.data(), &len,
                           reinterpret_cast<const unsigned char*>(message.data()),
                           message.size()) == 1);
    CHECK(sig == approval.signature);

    // step-sha256 over the step text of the embedded script; log-root over the first log-size
    // lines.
    auto script_text = line0["details"]["script"].get<std::string>();
    auto script = script::parse_script_text(script_text, "vector.yaml", {});
    CHECK(script::step_sha256(script_text, script, 0) == approval.request.step_sha256);
    CHECK(script::step_text(script_text, script, 0) ==
          "  - id: key-1\n    # The root's key; this comment is part of the approved step text.\n"
          "    generate-key: {label: root-ca-1, type: ec, curve: P-256}\n");
    std::vector<transcript::Hash> prefix;
    for (std::size_t i = 0; i < approval.request.log_size; ++i)
      prefix.push_back(transcript::leaf_hash(lines[i]));
    CHECK(to_hex(transcript::merkle_root(prefix)) == approval.request.log_root);
  }

  TEST_CASE("the proofs verify, and only in their own bytes") {
    auto key = audit_key();
    for (const char* name : {"inclusion.proof", "consistency.proof", "rfc6962-inclusion.proof",
                             "rfc6962-consistency.proof"}) {
      CAPTURE(name);
      auto v = transcript::verify_proof(text(name), key.get());
      CHECK(v.ok);
      CHECK(v.summary != "");
    }
    auto inclusion = text("inclusion.proof");
    CHECK_FALSE(transcript::verify_proof(inclusion + " ", key.get()).ok);
  }
}
