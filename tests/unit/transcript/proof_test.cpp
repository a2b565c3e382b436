// Proof files: every line proven under every checkpoint that covers it, consistency between every
// pair of checkpoints, and altered proofs refused with their reason.
#include "transcript/proof.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/sample_transcript.h"
#include "support/temp_dir.h"
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
        if (a < b)
          CHECK(
              verify_proof(to_json(prove_consistency(dir / "t.jsonl", a, b)), keys.audit.get()).ok);
  }

  TEST_CASE("altered proofs and the wrong audit key are refused") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    test::write_sample_transcript(dir / "t.jsonl", keys);
    auto good = nlohmann::ordered_json::parse(to_json(prove_inclusion(dir / "t.jsonl", 6, 9)));
    // Altered values are written in the canonical form, so each check below is about the value.
    auto canonical = [](const nlohmann::ordered_json& j) { return j.dump(2) + "\n"; };
    auto check = [&](const nlohmann::ordered_json& j) {
      return verify_proof(canonical(j), keys.audit.get()).summary;
    };
    CHECK(verify_proof(canonical(good), keys.audit.get()).ok);

    auto line = good;
    line["line"] = good["line"].get<std::string>().replace(
        good["line"].get<std::string>().find("root-ca-1"), 9, "root-ca-2");
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
    line0["line-0"] = good["line-0"].get<std::string>().replace(
        good["line-0"].get<std::string>().find("Alex"), 4, "Alec");
    CHECK(check(line0).find("origin 'keyrite/demo-2026/") != std::string::npos);
    CHECK(verify_proof("{\"keyrite-proof\":", keys.audit.get()).summary ==
          "invalid JSON at byte 17: unexpected end of line, expected a value");

    ossl::EvpPkeyPtr other(EVP_EC_gen("P-256"));
    CHECK(verify_proof(canonical(good), other.get())
              .summary.rfind("checkpoint: the signature line of keyrite-audit carries key ID ",
                             0) == 0);

    auto cons = nlohmann::ordered_json::parse(to_json(prove_consistency(dir / "t.jsonl", 5, 13)));
    cons["first-checkpoint"] = good["checkpoint"];  // the checkpoint at 9 in place of the one at 5
    CHECK(check(cons) == "\"first-size\" and \"second-size\" are not the checkpoints' tree sizes");
  }

  TEST_CASE("proving what no checkpoint covers is refused") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    test::write_sample_transcript(dir / "t.jsonl", keys);
    CHECK_THROWS_WITH(
        prove_inclusion(dir / "t.jsonl", 13, std::nullopt),
        ((dir / "t.jsonl").string() + ": line 13 is not covered by the checkpoint at line 13")
            .c_str());
    CHECK_THROWS_WITH(prove_inclusion(dir / "t.jsonl", 2, 4),
                      ((dir / "t.jsonl").string() + ": line 4 is not a checkpoint").c_str());
    CHECK_THROWS_WITH(prove_consistency(dir / "t.jsonl", 9, 5),
                      ((dir / "t.jsonl").string() +
                       ": --from-checkpoint must be an earlier checkpoint than --to-checkpoint")
                          .c_str());
  }

  TEST_CASE("a keyrite proof is accepted only in the form kr-transcript prove writes") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    test::write_sample_transcript(dir / "t.jsonl", keys);
    const std::string good = to_json(prove_inclusion(dir / "t.jsonl", 6, 9));
    REQUIRE(verify_proof(good, keys.audit.get()).ok);
    auto j = nlohmann::ordered_json::parse(good);
    auto summary = [&](const std::string& text) {
      auto v = verify_proof(text, keys.audit.get());
      CHECK_FALSE(v.ok);
      return v.summary;
    };
    const std::string not_canonical =
        "the proof is not in canonical form: kr-transcript prove writes 2-space indented JSON with "
        "these "
        "members in this order, non-ASCII as UTF-8, and one final newline";
    CHECK(summary(j.dump()) == not_canonical);
    CHECK(summary(j.dump(2)) == not_canonical);
    CHECK(summary(j.dump(4) + "\n") == not_canonical);
    CHECK(summary(good + "\n") == not_canonical);
    CHECK(summary(j.dump(2, ' ', true) + "\n") == not_canonical);  // non-ASCII as \u escapes
    auto upper = j;
    std::string hash = upper["hashes"][0];
    for (auto& c : hash) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    upper["hashes"][0] = hash;
    CHECK(summary(upper.dump(2) + "\n") ==
          "\"hashes\" holds a value that is not 64 lower-case hex digits");
    auto extra = j;
    extra["comment"] = "hello";
    CHECK(summary(extra.dump(2) + "\n") ==
          "a proof of this kind has exactly the members "
          "keyrite-proof,line-0,line-0-hashes,index,line,tree-size,"
          "hashes,checkpoint in that order; no others");
    auto reordered = nlohmann::ordered_json::object();
    for (const char* k : {"keyrite-proof", "line-0", "line-0-hashes", "line", "index", "tree-size",
                          "hashes", "checkpoint"})
      reordered[k] = j[k];
    CHECK(summary(reordered.dump(2) + "\n").find("a proof of this kind has exactly the members") ==
          0);

    auto cons = nlohmann::ordered_json::parse(to_json(prove_consistency(dir / "t.jsonl", 9, 13)));
    auto same = cons;
    same["first-checkpoint"] = cons["second-checkpoint"];
    same["first-size"] = 13;
    same["hashes"] = nlohmann::ordered_json::array();
    CHECK(summary(same.dump(2) + "\n") ==
          "\"first-size\" is not below \"second-size\": a keyrite consistency proof joins two "
          "different checkpoints");
    CHECK_THROWS_WITH(verify_proof(good, nullptr),
                      "a keyrite proof is checked under the ceremony's audit key");
  }

  TEST_CASE("bare RFC 6962 proofs: the published certificate-transparency vectors") {
    auto h = [](const char* hex) {
      Hash out;
      auto bytes = from_hex(hex);
      std::copy(bytes->begin(), bytes->end(), out.begin());
      return out;
    };
    // certificate-transparency-go merkle tests: leaf 5 of the 8-leaf tree ("40414243").
    BareInclusionProof inc;
    inc.leaf_hash = leaf_hash(std::string("\x40\x41\x42\x43"));
    inc.index = 5;
    inc.tree_size = 8;
    inc.root = h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    inc.hashes = {h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                  h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                  h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")};
    auto v = verify_proof(to_json(inc), nullptr);
    CHECK_MESSAGE(v.ok, v.summary);
    CHECK(v.kind == "rfc6962-inclusion");
    CHECK(v.summary.find("leaf 5 (hash ") == 0);
    BareConsistencyProof con;
    con.first_size = 6;
    con.second_size = 8;
    con.first_root = h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef");
    con.second_root = inc.root;
    con.hashes = {h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                  h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                  h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")};
    v = verify_proof(to_json(con), nullptr);
    CHECK(v.ok);
    CHECK(v.kind == "rfc6962-consistency");
    // Whitespace and member order are free in a bare proof (no signature depends on its bytes).
    CHECK(verify_proof(nlohmann::ordered_json::parse(to_json(con)).dump(), nullptr).ok);

    auto refused = [](const std::string& text) {
      auto r = verify_proof(text, nullptr);
      CHECK_FALSE(r.ok);
      return r.summary;
    };
    auto j = nlohmann::ordered_json::parse(to_json(inc));
    auto bad = j;
    bad["index"] = 4;
    CHECK(refused(bad.dump()) == "the audit path does not lead from leaf 4 to the root");
    bad = j;
    bad["index"] = 8;
    CHECK(refused(bad.dump()) == "\"index\" is not below \"tree-size\"");
    bad = j;
    bad["root"] = "5DC9DA79A70659A9AD559CB701DED9A2AB9D823AAD2F4960CFE370EFF4604328";
    CHECK(refused(bad.dump()) == "\"root\" is not 64 lower-case hex digits");
    bad = j;
    bad["leaf"] = "5051525354555657";
    CHECK(refused(bad.dump()) ==
          "a proof of this kind has exactly the members "
          "rfc6962-proof,leaf-hash,index,tree-size,root,hashes; no others");
    bad = j;
    bad["hashes"].push_back(bad["hashes"][0]);
    CHECK(refused(bad.dump()) == "the audit path does not lead from leaf 5 to the root");
    auto c = nlohmann::ordered_json::parse(to_json(con));
    auto badc = c;
    badc["first-size"] = 0;
    badc["hashes"] = nlohmann::ordered_json::array();
    CHECK(refused(badc.dump()) == "\"first-size\" must be at least 1 and at most \"second-size\"");
    badc = c;
    badc["first-size"] = 7;
    CHECK(refused(badc.dump()) == "the consistency proof does not join the two roots");
    badc = c;
    badc["first-size"] = 8;
    badc["first-root"] = c["second-root"];
    badc["hashes"] = nlohmann::ordered_json::array();
    CHECK(verify_proof(badc.dump(), nullptr)
              .ok);  // equal sizes: empty proof, equal roots (RFC 9162 2.1.4.2)
    badc["first-root"] = c["first-root"];
    CHECK(refused(badc.dump()) == "the consistency proof does not join the two roots");
    CHECK(refused("{\"proof\": 1}") ==
          "the first member is neither \"keyrite-proof\" nor \"rfc6962-proof\"");
  }
}
