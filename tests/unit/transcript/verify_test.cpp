// The verifier against a transcript written by the real writer: the original verifies, every
// tampered variant is rejected, a cut transcript is incomplete under the right checkpoint, and
// hostile input gives a clear reason.
#include "transcript/verify.h"

#include <doctest/doctest.h>

#include <set>

#include "ossl/der.h"
#include "support/sample_transcript.h"
#include "support/temp_dir.h"
#include "transcript/note.h"
#include "util/atomic_file.h"

using namespace kr;
using namespace kr::transcript;

namespace {

struct Sample {
  test::TempDir dir;
  test::SampleKeys keys = test::make_sample_keys();
  std::string text;
  std::vector<std::string> lines;  // with their newlines
  Sample() {
    test::write_sample_transcript(dir / "t.jsonl", keys);
    auto bytes = read_file(dir / "t.jsonl");
    text.assign(bytes.begin(), bytes.end());
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') {
        lines.push_back(text.substr(start, i + 1 - start));
        start = i + 1;
      }
  }
  VerifyResult verify(std::string_view data, const VerifyOptions& o = {}) const {
    return verify_transcript_bytes(data, keys.audit.get(), o);
  }
  std::string join(const std::vector<std::string>& ls) const {
    std::string out;
    for (const auto& l : ls) out += l;
    return out;
  }
};

const Sample& sample() {
  static Sample s;
  return s;
}

std::string replace_line(std::size_t index, const std::string& line) {
  auto lines = sample().lines;
  lines[index] = line + "\n";
  return sample().join(lines);
}

}  // namespace

TEST_SUITE("transcript::verify") {
  TEST_CASE("the writer's transcript verifies, with the writer's final root") {
    const auto& s = sample();
    REQUIRE(s.lines.size() == 14);
    auto r = s.verify(s.text);
    CHECK(r.verdict == Verdict::ok);
    CHECK(r.reason == "");
    CHECK(r.lines == 14);
    CHECK(r.events == 11);
    CHECK(r.checkpoints == 3);
    CHECK(r.ceremony_id == "demo-2026");
    REQUIRE(r.last_checkpoint);
    CHECK(r.last_checkpoint->seq == 13);
    CHECK(r.last_checkpoint->signers == std::vector<std::string>{"keyrite-audit", "custodian/Cara",
                                                                 "custodian/Dev", "custodian/Eli"});
    std::vector<Hash> leaves;
    for (std::size_t i = 0; i < 13; ++i)
      leaves.push_back(leaf_hash(s.lines[i].substr(0, s.lines[i].size() - 1)));
    CHECK(r.last_checkpoint->root == merkle_root(leaves));
    auto from_file = verify_transcript(s.dir / "t.jsonl", s.keys.audit.get());
    CHECK(from_file.verdict == Verdict::ok);
  }

  TEST_CASE("the writer reports the final root in hex and PGP words") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    TranscriptWriter w(dir / "t.jsonl", Durability::no_fsync);
    CHECK_THROWS_WITH(w.last_checkpoint_root_hex(),
                      ((dir / "t.jsonl").string() + ": no checkpoint has been written").c_str());
    Event e;
    e.target = "ceremony:x";
    w.append(e);
    auto before = w.root_hex();
    w.append_checkpoint({make_note_signer(kAuditKeyName, keys.audit.get())});
    CHECK(w.last_checkpoint_root_hex() == before);
    CHECK(w.last_checkpoint_root_pgp_words().rfind("  1  ", 0) == 0);
    CHECK(w.size() == 2);
  }

  TEST_CASE("a checkpoint needs line 0 to be ceremony-started with a ceremony target") {
    test::TempDir dir;
    auto keys = test::make_sample_keys();
    TranscriptWriter w(dir / "t.jsonl", Durability::no_fsync);
    Event e;
    e.type = EventType::key_generated;
    w.append(e);
    CHECK_THROWS_WITH(w.append_checkpoint({make_note_signer(kAuditKeyName, keys.audit.get())}),
                      ((dir / "t.jsonl").string() +
                       ": cannot write a checkpoint: line 0 is not a ceremony-started event")
                          .c_str());
  }

  TEST_CASE("flipping any single byte is rejected") {
    // Every byte with its low bit flipped; the closing checkpoint, which no later tree head covers,
    // also with two more bits (0x20 changes case and spaces, 0x80 breaks UTF-8).
    const auto& s = sample();
    std::size_t closing_start = s.text.size() - s.lines.back().size();
    std::size_t variants = 0, accepted = 0;
    for (std::size_t i = 0; i < s.text.size(); ++i) {
      std::vector<std::uint8_t> masks = {0x01};
      if (i >= closing_start) masks = {0x01, 0x20, 0x80};
      for (auto mask : masks) {
        std::string t = s.text;
        t[i] = static_cast<char>(t[i] ^ mask);
        ++variants;
        if (s.verify(t).verdict == Verdict::ok) {
          ++accepted;
          FAIL_CHECK("accepted a flip of byte " << i << " with mask " << int(mask));
        }
      }
    }
    CHECK(variants >= s.text.size());
    CHECK(accepted == 0);
  }

  TEST_CASE("deleting, duplicating, inserting or reordering any line is rejected") {
    const auto& s = sample();
    auto n = s.lines.size();
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(i);
      auto del = s.lines;
      del.erase(del.begin() + i);
      CHECK(s.verify(s.join(del)).verdict != Verdict::ok);
      auto dup = s.lines;
      dup.insert(dup.begin() + i, s.lines[i]);
      CHECK(s.verify(s.join(dup)).verdict != Verdict::ok);
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        auto ins = s.lines;  // another line's copy inserted at i
        ins.insert(ins.begin() + i, s.lines[j]);
        CHECK(s.verify(s.join(ins)).verdict != Verdict::ok);
        auto swap = s.lines;
        std::swap(swap[i], swap[j]);
        CHECK(s.verify(s.join(swap)).verdict != Verdict::ok);
      }
      auto blank = s.lines;
      blank.insert(blank.begin() + i, "\n");
      CHECK(s.verify(s.join(blank)).verdict == Verdict::failed);
    }
    auto appended = s.text + s.lines[12];
    auto r = s.verify(appended);
    CHECK(r.verdict == Verdict::failed);
    CHECK(r.failed_line == 14);
  }

  TEST_CASE(
      "truncation at every line boundary is incomplete, under the last checkpoint before it") {
    const auto& s = sample();
    std::string prefix;
    for (std::size_t k = 0; k < s.lines.size(); ++k) {
      CAPTURE(k);
      auto r = s.verify(prefix);
      CHECK(r.verdict == Verdict::incomplete);
      CHECK(r.lines == k);
      std::uint64_t expected_cp = k > 13 ? 13 : k > 9 ? 9 : k > 5 ? 5 : 0;
      if (expected_cp == 0)
        CHECK_FALSE(r.last_checkpoint);
      else {
        REQUIRE(r.last_checkpoint);
        CHECK(r.last_checkpoint->seq == expected_cp);
      }
      prefix += s.lines[k];
    }
    CHECK(s.verify(prefix).verdict == Verdict::ok);
  }

  TEST_CASE("a line cut mid-write is incomplete; everything before it is verified") {
    const auto& s = sample();
    std::string prefix;
    for (std::size_t k = 0; k < s.lines.size(); ++k) {
      for (std::size_t cut : {std::size_t{1}, s.lines[k].size() / 2, s.lines[k].size() - 1}) {
        CAPTURE(k);
        CAPTURE(cut);
        auto r = s.verify(prefix + s.lines[k].substr(0, cut));
        CHECK(r.verdict == Verdict::incomplete);
        CHECK(r.lines == k);
        CHECK(r.trailing_bytes == cut);
        CHECK(r.reason.find("has no newline: a write was cut short") != std::string::npos);
      }
      prefix += s.lines[k];
    }
    auto r =
        s.verify(prefix.substr(0, prefix.size() - 1));  // the closing checkpoint's newline lost
    CHECK(r.verdict == Verdict::incomplete);
    REQUIRE(r.last_checkpoint);
    CHECK(r.last_checkpoint->seq == 9);
  }

  TEST_CASE("another audit key rejects the first checkpoint") {
    const auto& s = sample();
    ossl::EvpPkeyPtr other(EVP_EC_gen("P-256"));
    auto r = verify_transcript_bytes(s.text, other.get());
    CHECK(r.verdict == Verdict::failed);
    CHECK(r.failed_line == 5);
    CHECK(r.reason.rfind("line 5 (checkpoint): the signature line of keyrite-audit carries key ID ",
                         0) == 0);
    CHECK(r.reason.find(", not the key's " +
                        to_hex(key_id(kAuditKeyName, kSigEcdsa, ossl::spki_der(other.get())))) !=
          std::string::npos);
  }

  TEST_CASE("a non-P-256 audit key is unusable input") {
    const auto& s = sample();
    CHECK_THROWS_WITH(verify_transcript_bytes(s.text, s.keys.custodians.at("Cara").get()),
                      "keyrite-audit: the audit key must be an EC P-256 key");
  }

  TEST_CASE("hostile lines: each refused with its reason and position") {
    const auto& s = sample();
    auto at = [&](const std::string& line, std::size_t index = 1, const VerifyOptions& o = {}) {
      auto r = s.verify(replace_line(index, line), o);
      CHECK(r.verdict == Verdict::failed);
      CHECK(r.failed_line == index);
      return r.reason;
    };
    std::string deep =
        R"({"seq":1,"type":"x","d":)" + std::string(100, '[') + std::string(100, ']') + "}";
    CHECK(at(deep) == "line 1: invalid JSON at byte 87: nesting deeper than 64 levels");
    CHECK(at("{\"seq\":1,\"type\":\"x\xff\"}") == "line 1: invalid JSON at byte 18: invalid UTF-8");
    CHECK(at("{\"seq\":1,\"type\":\"\xed\xa0\x80\"}") ==
          "line 1: invalid JSON at byte 17: invalid UTF-8");
    CHECK(at(R"({"seq":1,"type":"x","n":1e999999})") ==
          "line 1: invalid JSON at byte 24: a number's exponent is out of range");
    CHECK(at(R"({"seq":1,"type":"x","n":)" + std::string(40, '9') + "}") ==
          "line 1: invalid JSON at byte 24: a number is longer than 32 characters");
    CHECK(at(R"({"seq":99999999999999999999999,"type":"x"})") ==
          "line 1: \"seq\" is 99999999999999999999999, expected 1");
    CHECK(at(R"({"seq":1,"type":"x")") ==
          "line 1: invalid JSON at byte 19: unexpected end of line, expected '}'");
    CHECK(at(R"({"seq":1,"seq":1,"type":"x"})") ==
          "line 1: invalid JSON at byte 9: duplicate member name \"seq\"");
    CHECK(at(R"({"type":"x","seq":1})") ==
          "line 1: the first two fields must be \"seq\" and \"type\"");
    CHECK(at("[1,2]") == "line 1: invalid JSON at byte 0: a transcript line must be a JSON object");
    CHECK(at(R"({"seq":1,"type":"x"}{})") ==
          "line 1: invalid JSON at byte 20: text after the end of the JSON object");
    CHECK(at(R"({"seq":1,"type":"x"} )") ==
          "line 1: invalid JSON at byte 20: a space outside a string; keyrite writes every line "
          "compactly");
    CHECK(at(R"({"seq":1,"type":"x","s":"\ud800"})") ==
          "line 1: invalid JSON at byte 31: a high surrogate escape without its low surrogate");
    CHECK(at(R"({"seq":1,"type":"key-generated"})") ==
          "line 1: a event line must have exactly the fields "
          "seq,type,time,outcome,operator,target,cause,step,inputs,outputs,details in that order");
    VerifyOptions small;
    small.max_line_bytes = 2000;
    CHECK(at(std::string(R"({"seq":1,"type":"x","pad":")") + std::string(3000, 'a') + "\"}", 1,
             small) == "line 1 is longer than 2000 bytes");
    std::string many = R"({"seq":1,"type":"x","o":{)";
    for (int i = 0; i < 20000; ++i) many += "\"k" + std::to_string(i) + "\":0,";
    many += "\"k7\":1}}";
    CHECK(at(many).find("duplicate member name \"k7\"") != std::string::npos);
  }

  TEST_CASE("a huge line from a file is refused without reading it whole") {
    test::TempDir dir;
    const auto& s = sample();
    std::string big = s.lines[0] + std::string(3 * 1024 * 1024, 'x');
    write_new_file(dir / "big.jsonl", as_bytes(big));
    VerifyOptions o;
    o.max_line_bytes = 1024 * 1024;
    auto r = verify_transcript(dir / "big.jsonl", s.keys.audit.get(), o);
    CHECK(r.verdict == Verdict::failed);
    CHECK(r.reason == "line 1 is longer than 1048576 bytes");
  }

  TEST_CASE("events after the closing event, and a second ceremony-started, are refused") {
    const auto& s = sample();
    auto lines = s.lines;
    std::swap(lines[11], lines[12]);  // ceremony-finished followed by an event
    auto r = s.verify(s.join(lines));
    CHECK(r.verdict == Verdict::failed);
    CHECK(r.failed_line == 11);
  }

  TEST_CASE("a missing file is unusable input") {
    CHECK_THROWS_WITH(
        verify_transcript("/nonexistent/t.jsonl", sample().keys.audit.get()),
        "/nonexistent/t.jsonl: cannot open the transcript: No such file or directory");
  }
}
