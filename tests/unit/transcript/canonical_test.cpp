// One accepted form: every variant of a keyrite transcript that anyone can make without the keys is
// rejected (issue 15: seven malleable variants of the closing checkpoint verified), and every value
// whose format the format document fixes is checked, even on lines signed by the right keys.
#include <doctest/doctest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>

#include <nlohmann/json.hpp>

#include "support/sample_transcript.h"
#include "support/temp_dir.h"
#include "transcript/checkpoint.h"
#include "transcript/ecdsa_low_s.h"
#include "transcript/note.h"
#include "transcript/verify.h"
#include "util/atomic_file.h"
#include "util/base64.h"

using namespace kr;
using namespace kr::transcript;

namespace {

struct Sample {
  test::TempDir dir;
  test::SampleKeys keys = test::make_sample_keys();
  std::vector<std::string> lines;  // without newlines
  Sample() {
    test::write_sample_transcript(dir / "t.jsonl", keys);
    auto bytes = read_file(dir / "t.jsonl");
    std::string text(bytes.begin(), bytes.end());
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') {
        lines.push_back(text.substr(start, i - start));
        start = i + 1;
      }
  }
  static std::string join(const std::vector<std::string>& ls) {
    std::string out;
    for (const auto& l : ls) out += l + "\n";
    return out;
  }
  VerifyResult verify(const std::vector<std::string>& ls) const {
    return verify_transcript_bytes(join(ls), keys.audit.get());
  }
  NoteSigner signer_for(const std::string& key_name) const {
    if (key_name == kAuditKeyName) return make_note_signer(kAuditKeyName, keys.audit.get());
    for (const auto& [name, key] : keys.custodians)
      if (custodian_key_name(name) == key_name) return make_note_signer(key_name, key.get());
    throw std::runtime_error("no sample key named " + key_name);
  }
  // What someone holding every key could write: each checkpoint re-signed over the lines as they
  // now are, with its own time and signers unless a change is asked for. Lets a test put a bad
  // value on a line that is correctly signed, so the format check, not the signature, must catch
  // it.
  std::vector<std::string> resign(std::vector<std::string> ls,
                                  const std::string& time_override = {}) const {
    auto origin = checkpoint_origin(
        ceremony_id_from_target(nlohmann::json::parse(ls[0])["target"].get<std::string>()), ls[0]);
    MerkleStream tree;
    for (std::size_t i = 0; i < ls.size(); ++i) {
      auto j = nlohmann::json::parse(ls[i]);
      if (j["type"] == "checkpoint") {
        auto note = j["note"].get<std::string>();
        auto body = parse_checkpoint_body(note.substr(0, note.rfind("\n\n") + 1), "cp");
        body.origin = origin;
        body.root = tree.root();
        if (!time_override.empty()) body.time = time_override;
        std::vector<NoteSigner> signers;
        for (const auto& s : body.signers) signers.push_back(signer_for(s));
        ls[i] = checkpoint_line(i, body.time, sign_note(format_checkpoint_body(body), signers));
      }
      tree.append(leaf_hash(ls[i]));
    }
    return ls;
  }
};

const Sample& sample() {
  static Sample s;
  return s;
}

// The note of a checkpoint line, and the line rebuilt around another note.
std::string note_of(const std::string& line) {
  return nlohmann::json::parse(line)["note"].get<std::string>();
}
std::string with_note(const std::string& line, const std::string& note) {
  auto j = nlohmann::json::parse(line);
  return checkpoint_line(j["seq"].get<std::uint64_t>(), j["time"].get<std::string>(), note);
}

struct SplitNote {
  std::string text;                     // through the blank line
  std::vector<std::string> signatures;  // each with its newline
  std::string join() const {
    std::string out = text;
    for (const auto& s : signatures) out += s;
    return out;
  }
};
SplitNote split(const std::string& note) {
  SplitNote n;
  auto blank = note.rfind("\n\n");
  n.text = note.substr(0, blank + 2);
  std::size_t start = blank + 2;
  while (start < note.size()) {
    auto eol = note.find('\n', start);
    n.signatures.push_back(note.substr(start, eol + 1 - start));
    start = eol + 1;
  }
  return n;
}

// (r, s) -> (r, n - s): the other valid form of the same ECDSA signature.
Bytes flip_s(ByteView der) {
  const unsigned char* p = der.data();
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  REQUIRE(sig);
  const BIGNUM *r = nullptr, *s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  EC_GROUP* group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
  BIGNUM* other = BN_new();
  BN_sub(other, EC_GROUP_get0_order(group), s);
  ECDSA_SIG_set0(sig, BN_dup(r), other);
  unsigned char* out = nullptr;
  int len = i2d_ECDSA_SIG(sig, &out);
  Bytes result(out, out + len);
  OPENSSL_free(out);
  ECDSA_SIG_free(sig);
  EC_GROUP_free(group);
  return result;
}

// A signature line with its signature bytes replaced.
std::string with_signature(const std::string& sig_line,
                           const std::function<Bytes(ByteView)>& change) {
  auto space = sig_line.rfind(' ');
  auto blob = *base64_decode(sig_line.substr(space + 1, sig_line.size() - space - 2));
  Bytes id(blob.begin(), blob.begin() + 4);
  Bytes changed = change(ByteView(blob).subspan(4));
  id.insert(id.end(), changed.begin(), changed.end());
  return sig_line.substr(0, space + 1) + base64_encode(id) + "\n";
}

std::string reason_at(const std::vector<std::string>& ls, std::uint64_t line) {
  auto r = sample().verify(ls);
  CHECK(r.verdict == Verdict::failed);
  CHECK(r.failed_line == line);
  return r.reason;
}

}  // namespace

TEST_SUITE("transcript::canonical") {
  TEST_CASE("the forger used below reproduces a transcript that verifies") {
    const auto& s = sample();
    CHECK(s.verify(s.lines).verdict == Verdict::ok);
    CHECK(s.verify(s.resign(s.lines)).verdict == Verdict::ok);
  }

  TEST_CASE("every variant of a checkpoint's signature lines but the original is rejected") {
    const auto& s = sample();
    auto extra_key = test::make_sample_keys();  // keys nobody trusts
    for (std::size_t cp : {std::size_t{5}, std::size_t{13}}) {
      CAPTURE(cp);
      const auto note = split(note_of(s.lines[cp]));
      REQUIRE(note.signatures.size() == 3 + (cp == 13 ? 1 : 0));
      std::vector<std::pair<std::string, SplitNote>> variants;
      auto add = [&](std::string name, SplitNote n) {
        variants.emplace_back(std::move(name), std::move(n));
      };
      {
        auto n = note;
        std::swap(n.signatures[1], n.signatures[2]);
        add("two custodian lines swapped", n);
        n = note;
        std::swap(n.signatures[0], n.signatures[1]);
        add("the audit line after a custodian's", n);
        n = note;
        std::rotate(n.signatures.begin(), n.signatures.begin() + 1, n.signatures.end());
        add("lines rotated", n);
        n = note;
        n.signatures.push_back(n.signatures[1]);
        add("a custodian's line duplicated", n);
        n = note;
        n.signatures.insert(n.signatures.begin() + 1, n.signatures[0]);
        add("the audit key's line duplicated", n);
        n = note;
        n.signatures.pop_back();
        add("the last line removed", n);
      }
      {
        // A line from a key nobody trusts, signing the same text, appended (C2SP would ignore it).
        auto witness =
            make_note_signer("witness/example.org", extra_key.custodians.at("Cara").get());
        auto signed_by_witness =
            split(sign_note(note.text.substr(0, note.text.size() - 1), {witness}));
        auto n = note;
        n.signatures.push_back(signed_by_witness.signatures[0]);
        add("a line from an unknown key appended", n);
        // An unknown key name with a known key's ID and signature.
        auto line = note.signatures[1];
        auto space = line.rfind(' ');
        n = note;
        n.signatures.push_back("\xE2\x80\x94 custodian/Zed" + line.substr(space));
        add("an unknown key name reusing a known key ID", n);
        n = note;
        n.signatures.push_back("\xE2\x80\x94 keyrite-audit-2" +
                               note.signatures[0].substr(note.signatures[0].rfind(' ')));
        add("another audit-like name reusing the audit key ID", n);
      }
      {
        auto n = note;
        n.signatures[0] = with_signature(n.signatures[0], flip_s);
        add("the audit signature as (r, n - s)", n);
        n = note;
        // A non-minimal DER length (0x81 0xNN for a short SEQUENCE) encodes the same signature.
        n.signatures[0] = with_signature(n.signatures[0], [](ByteView der) {
          Bytes out(der.size() + 1);
          out[0] = 0x30;
          out[1] = 0x81;
          std::copy(der.begin() + 1, der.end(), out.begin() + 2);
          return out;
        });
        add("the audit signature in BER with a long-form length", n);
      }
      for (const auto& [name, n] : variants) {
        CAPTURE(name);
        REQUIRE(n.join() != note.join());
        auto ls = s.lines;
        ls[cp] = with_note(s.lines[cp], n.join());
        auto r = s.verify(ls);
        CHECK(r.verdict == Verdict::failed);
        CHECK(r.failed_line == cp);
      }
    }
  }

  TEST_CASE("the reasons name what is wrong") {
    const auto& s = sample();
    const auto note = split(note_of(s.lines[13]));
    auto ls = s.lines;
    auto n = note;
    std::swap(n.signatures[1], n.signatures[2]);
    ls[13] = with_note(s.lines[13], n.join());
    CHECK(reason_at(ls, 13) ==
          "line 13 (checkpoint): signature line 2 is from custodian/Dev; the signers line names "
          "custodian/Cara in that place");
    n = note;
    n.signatures.push_back(n.signatures[1]);
    ls[13] = with_note(s.lines[13], n.join());
    CHECK(reason_at(ls, 13) ==
          "line 13 (checkpoint): the note has 5 signature lines; its signers line names 4 and "
          "keyrite writes exactly one line per signer");
    n = note;
    n.signatures[0] = with_signature(n.signatures[0], flip_s);
    ls[13] = with_note(s.lines[13], n.join());
    CHECK(reason_at(ls, 13) ==
          "line 13 (checkpoint): the signature of keyrite-audit: the ECDSA signature has a high S "
          "(s > n/2); keyrite writes only the low-S form");
  }

  TEST_CASE("the writer keeps only the low-S form of what the token returns") {
    ossl::EvpPkeyPtr audit(EVP_EC_gen("P-256"));
    auto signer = make_note_signer(kAuditKeyName, audit.get());
    auto honest = signer.sign;
    // A token returning the high-S form of every signature.
    signer.sign = [honest](const std::string& text) {
      Bytes sig = honest(text);
      return ecdsa_p256_form_problem(sig) ? sig : flip_s(sig);
    };
    for (int i = 0; i < 8; ++i) {
      auto note = split(sign_note("keyrite/x/0011223344556677\n1\nAAAA\n", {signer}));
      auto line = note.signatures[0];
      auto blob =
          *base64_decode(line.substr(line.rfind(' ') + 1, line.size() - line.rfind(' ') - 2));
      Bytes der(blob.begin() + 4, blob.end());
      CHECK(ecdsa_p256_form_problem(der) == std::nullopt);
      CHECK(ecdsa_p256_low_s(der) == der);
    }
    // And every audit signature in the sample transcript is low-S.
    for (std::size_t cp : {5, 9, 13}) {
      auto line = split(note_of(sample().lines[cp])).signatures[0];
      auto blob =
          *base64_decode(line.substr(line.rfind(' ') + 1, line.size() - line.rfind(' ') - 2));
      CHECK(ecdsa_p256_form_problem(ByteView(blob).subspan(4)) == std::nullopt);
    }
  }

  TEST_CASE("a compressed-point audit key is refused, not given a second key ID") {
    const auto& s = sample();
    ossl::EvpPkeyPtr compressed(EVP_PKEY_dup(s.keys.audit.get()));
    REQUIRE(EVP_PKEY_set_utf8_string_param(compressed.get(), "point-format", "compressed") == 1);
    CHECK_THROWS_WITH(
        verify_transcript_bytes(Sample::join(s.lines), compressed.get()),
        "keyrite-audit: the audit key's point is not in uncompressed form; keyrite's key ID is "
        "over the uncompressed SubjectPublicKeyInfo");
  }

  TEST_CASE("values in the wrong format are refused even when correctly signed") {
    const auto& s = sample();
    auto event = [&](std::size_t index,
                     const std::function<void(nlohmann::ordered_json&)>& change) {
      auto ls = s.lines;
      auto j = nlohmann::ordered_json::parse(ls[index]);
      change(j);
      ls[index] = j.dump(-1, ' ', false);
      return reason_at(s.resign(ls), index);
    };
    CHECK(event(6, [](auto& j) { j["time"] = "2026-11-22T23:45:51Z"; }) ==
          "line 6: \"time\" is not UTC with milliseconds (YYYY-MM-DDTHH:MM:SS.mmmZ)");
    CHECK(event(6, [](auto& j) { j["time"] = "whenever"; }) ==
          "line 6: \"time\" is not UTC with milliseconds (YYYY-MM-DDTHH:MM:SS.mmmZ)");
    CHECK(event(6, [](auto& j) { j["time"] = "2026-02-30T23:45:51.123Z"; }) ==
          "line 6: \"time\" is not UTC with milliseconds (YYYY-MM-DDTHH:MM:SS.mmmZ)");
    CHECK(event(6, [](auto& j) { j["outputs"][0]["sha256"] = std::string(64, 'C'); }) ==
          "line 6: \"outputs\"[0].sha256 is not 64 lower-case hex digits");
    CHECK(event(6, [](auto& j) { j["outputs"][0]["sha256"] = std::string(63, 'c'); }) ==
          "line 6: \"outputs\"[0].sha256 is not 64 lower-case hex digits");
    CHECK(event(6, [](auto& j) { j["outputs"][0]["size"] = 3; }) ==
          "line 6: \"outputs\"[0] must have exactly the members name,sha256 in that order");
    CHECK(event(6, [](auto& j) { j["outputs"].push_back("root-ca-1.pub.pem"); }) ==
          "line 6: \"outputs\" holds an element that is not an object");
    CHECK(event(6, [](auto& j) { j["inputs"] = nlohmann::ordered_json::object(); }) ==
          "line 6: \"inputs\" is not a list");
    CHECK(event(6, [](auto& j) {
            j["target"] = "root-ca-1";
          }).find("line 6: \"target\" is not \"<kind>:<name>\"") == 0);
    CHECK(event(6, [](auto& j) { j["target"] = "custodian:"; }).find("line 6: \"target\" is not") ==
          0);
    CHECK(event(6, [](auto& j) {
            j["target"] = "Key:root-ca-1";
          }).find("line 6: \"target\" is not") == 0);
    CHECK(event(6, [](auto& j) { j["step"] = 1; }) == "line 6: \"step\" is not a string");
    CHECK(event(6, [](auto& j) { j["details"] = "none"; }) ==
          "line 6: \"details\" is not an object");
    CHECK(event(0, [](auto& j) { j["details"]["roster"]["colour"] = "blue"; }) ==
          "line 0: details.roster: unknown field \"colour\"");
    CHECK(event(0, [](auto& j) { j["details"]["roster"].erase("set-id"); }) ==
          "line 0: details.roster: missing \"set-id\"");
    CHECK(event(0,
                [](auto& j) {
                  j["details"]["roster"]["custodians"]["Cara"] = base64_encode(Bytes(33, 1));
                }) ==
          "line 0: details.roster.custodians.Cara is not base64 of a 32-byte Ed25519 public key");
  }

  TEST_CASE("whitespace, CR and TAB are not keyrite's; nor is a checkpoint time of another form") {
    const auto& s = sample();
    auto ls = s.lines;
    ls[6] = ls[6] + "\r";
    CHECK(reason_at(s.resign(ls), 6)
              .find("a CR outside a string; keyrite writes every line compactly") !=
          std::string::npos);
    ls = s.lines;
    ls[6] = ls[6].substr(0, ls[6].size() - 1) + "\t}";
    CHECK(reason_at(s.resign(ls), 6).find("a TAB outside a string") != std::string::npos);
    ls = s.lines;
    ls[6].insert(1, " ");
    CHECK(reason_at(s.resign(ls), 6).find("a space outside a string") != std::string::npos);
    CHECK(reason_at(s.resign(s.lines, "whenever"), 5) ==
          "line 5 (checkpoint): the checkpoint time 'whenever' is not UTC with milliseconds "
          "(YYYY-MM-DDTHH:MM:SS.mmmZ)");
    // Bytes after the final newline that cannot be the start of a cut line are a change, not a cut.
    for (const char* tail : {"\r", "\t", " ", "\n", "x", "{\"seq\":99"}) {
      CAPTURE(tail);
      auto r = verify_transcript_bytes(Sample::join(s.lines) + tail, s.keys.audit.get());
      CHECK(r.verdict == Verdict::failed);
    }
    auto cut = Sample::join(std::vector<std::string>(s.lines.begin(), s.lines.begin() + 7));
    for (const char* tail : {"\r", "\t", "{\"seq\":8", "{\"type\""}) {
      CAPTURE(tail);
      auto r = verify_transcript_bytes(cut + tail, s.keys.audit.get());
      CHECK(r.verdict == Verdict::failed);
      CHECK(r.failed_line == 7);
    }
    for (const char* tail : {"{", "{\"seq\":7", "{\"seq\":7,\"type\":\"key-gen"}) {
      CAPTURE(tail);
      CHECK(verify_transcript_bytes(cut + tail, s.keys.audit.get()).verdict == Verdict::incomplete);
    }
  }

  TEST_CASE("an empty file is incomplete: a ceremony that stopped before its first line") {
    auto r = verify_transcript_bytes("", sample().keys.audit.get());
    CHECK(r.verdict == Verdict::incomplete);
    CHECK(r.reason == "the transcript is empty");
  }
}
