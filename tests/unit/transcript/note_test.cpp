// Signed notes: interoperability with the published Go sumdb/note example, and keyrite's own keys.
#include "transcript/note.h"

#include <doctest/doctest.h>
#include <openssl/ec.h>

#include "util/base64.h"
#include "util/error.h"

using namespace kr;
using namespace kr::transcript;

namespace {

// golang.org/x/mod/sumdb/note: the example in the package documentation and its tests.
const std::string kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kGoNote =
    kGoText +
    "\n— PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const char* kGoVerifierKey = "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";  // 0x01 || public key
const char* kGoSignerKey = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";    // 0x01 || seed

Bytes without_type_byte(const char* b64) {
  auto bytes = base64_decode(b64);
  REQUIRE(bytes);
  REQUIRE(bytes->at(0) == 0x01);
  return Bytes(bytes->begin() + 1, bytes->end());
}

ossl::EvpPkeyPtr new_key(const char* type) {
  ossl::EvpPkeyPtr key(type == std::string("EC") ? EVP_EC_gen("P-256")
                                                 : EVP_PKEY_Q_keygen(nullptr, nullptr, type));
  REQUIRE(key);
  return key;
}

}  // namespace

TEST_SUITE("transcript::note") {
  TEST_CASE("the published Go note verifies under its published key, and its key ID matches") {
    auto pub = without_type_byte(kGoVerifierKey);
    auto key = make_verifier_key("PeterNeumann", kSigEd25519, pub);
    CHECK(to_hex(key.id) == "c74f20a3");
    auto note = parse_note(kGoNote, "go note");
    CHECK(note.text == kGoText);
    REQUIRE(note.signatures.size() == 1);
    auto check = check_note(note, {&key});
    CHECK(check.verified == std::vector<std::string>{"PeterNeumann"});
    CHECK_FALSE(check.failed);

    std::string altered = kGoNote;
    altered.replace(altered.find("cryptography"), 12, "cryptographY");
    auto bad = check_note(parse_note(altered, "altered"), {&key});
    CHECK(bad.verified.empty());
    CHECK(bad.failed == std::optional<std::string>("PeterNeumann"));
  }

  TEST_CASE(
      "signing the Go example with its published private key reproduces the note byte for byte") {
    auto seed = without_type_byte(kGoSignerKey);
    ossl::EvpPkeyPtr priv(
        EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr, seed.data(), seed.size()));
    REQUIRE(priv);
    auto signer = make_note_signer("PeterNeumann", priv.get());
    CHECK(signer.public_key == without_type_byte(kGoVerifierKey));
    CHECK(sign_note(kGoText, {signer}) == kGoNote);
  }

  TEST_CASE("unknown keys are ignored; a known key with the same name but another ID is unknown") {
    auto pub = without_type_byte(kGoVerifierKey);
    auto key = make_verifier_key("PeterNeumann", kSigEd25519, pub);
    auto other = new_key("ED25519");
    auto signer = make_note_signer("PeterNeumann", other.get());  // same name, different key
    auto note = parse_note(sign_note(kGoText, {signer}), "note");
    auto check = check_note(note, {&key});
    CHECK(check.verified.empty());
    CHECK(check.unknown == 1);
    CHECK_FALSE(check.failed);
  }

  TEST_CASE("an ECDSA P-256 audit signature (type 0x02) and an Ed25519 cosignature") {
    auto audit = new_key("EC");
    auto cara = new_key("ED25519");
    std::vector<NoteSigner> signers = {make_note_signer(kAuditKeyName, audit.get()),
                                       make_note_signer("custodian/Cara", cara.get())};
    CHECK(signers[0].type == kSigEcdsa);
    CHECK(signers[1].type == kSigEd25519);
    std::string note = sign_note("keyrite/x/0011223344556677\n1\nAAAA\n", signers);
    auto parsed = parse_note(note, "note");
    auto audit_key = audit_verifier_key(audit.get());
    auto cara_key = make_verifier_key("custodian/Cara", kSigEd25519, signers[1].public_key);
    CHECK(to_hex(audit_key.id) == to_hex(key_id(kAuditKeyName, kSigEcdsa, signers[0].public_key)));
    auto check = check_note(parsed, {&audit_key, &cara_key});
    CHECK(check.verified == std::vector<std::string>{kAuditKeyName, "custodian/Cara"});
  }

  TEST_CASE("a signer whose signature does not verify is refused before anything is written") {
    auto audit = new_key("EC");
    auto signer = make_note_signer(kAuditKeyName, audit.get());
    auto real = signer.sign;
    signer.sign = [real](const std::string& text) { return real(text + "x"); };
    CHECK_THROWS_WITH(
        sign_note("a\n", {signer}),
        "keyrite-audit: the signature returned for the checkpoint does not verify under "
        "the signer's public key");
  }

  TEST_CASE("malformed notes are refused with the reason") {
    CHECK_THROWS_WITH(
        parse_note("text\n", "n"),
        "n: the note has no blank line before its signatures or does not end in a newline");
    CHECK_THROWS_WITH(parse_note("text\n\n- k AAAAAAA=\n", "n"),
                      "n: a signature line does not start with an em dash and a space");
    CHECK_THROWS_WITH(parse_note("text\n\n— k AAAA\n", "n"),
                      "n: the signature of 'k' is not base64 of a key ID and a signature");
    CHECK_THROWS_WITH(parse_note("te\x01xt\n\n— k AAAAAAA=\n", "n"),
                      "n: the note contains a control character");
    CHECK_THROWS_WITH(parse_note("te\xffxt\n\n— k AAAAAAA=\n", "n"),
                      "n: the note is not valid UTF-8");
    CHECK_THROWS_WITH(parse_note("text\n\n— a+b AAAAAAA=\n", "n"),
                      "n: signature key name 'a+b' is empty or contains a space or '+'");
  }
}
