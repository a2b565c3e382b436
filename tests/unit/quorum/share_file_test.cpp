// Share files: exact format, strict parsing with line and field, KDF limits before the KDF
// runs, sealing and opening.
#include "quorum/share_file.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>

#include "fixture.h"
#include "quorum/errors.h"
#include "util/base64.h"

using namespace kr;
using namespace kr::quorum;

namespace {

// Replaces the value of header field `key` in share-file text.
std::string with_field(std::string text, const std::string& key, const std::string& value) {
  auto start = text.find("\n" + key + ": ");
  std::size_t value_at;
  if (text.rfind(key + ": ", 0) == 0) {
    value_at = key.size() + 2;
  } else {
    REQUIRE(start != std::string::npos);
    value_at = start + 1 + key.size() + 2;
  }
  auto end = text.find('\n', value_at);
  return text.replace(value_at, end - value_at, value);
}

std::string parse_error(const std::string& text) {
  try {
    parse_share_file(text, "cara.share");
  } catch (const Error& e) {
    return e.what();
  }
  return "(parsed)";
}

}  // namespace

TEST_SUITE("quorum::share_file") {
  TEST_CASE("the header has every field in the documented order and the file is mode 0600") {
    test::ShareSetFixture set;
    auto text = set.text(0);
    std::vector<std::string> keys;
    std::size_t pos = 0;
    for (;;) {
      auto nl = text.find('\n', pos);
      auto line = text.substr(pos, nl - pos);
      pos = nl + 1;
      if (line.empty()) break;
      keys.push_back(line.substr(0, line.find(':')));
    }
    CHECK(keys == std::vector<std::string>{"format", "set-id", "purpose", "token-label",
                                           "token-serial", "threshold", "shares", "index",
                                           "custodian", "custodian-public-key", "kdf",
                                           "kdf-memory-kib", "kdf-iterations", "kdf-parallelism",
                                           "kdf-salt", "cipher", "nonce"});
    CHECK(text.rfind("format: keyrite-share 1\nset-id: " + set.descriptor.set_id +
                         "\npurpose: activation\ntoken-label: root-hsm\n"
                         "token-serial: 1234abcd5678ef00\nthreshold: 3\nshares: 5\nindex: 1\n"
                         "custodian: Cara\n",
                     0) == 0);
    CHECK(text.find("kdf: argon2id\nkdf-memory-kib: 8192\nkdf-iterations: 1\n"
                    "kdf-parallelism: 1\n") != std::string::npos);
    struct stat st {};
    REQUIRE(::stat(set.files[0].c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto parsed = parse_share_file(text, "x");
    CHECK(parsed.header.custodian == "Cara");
    CHECK(parsed.header.index == 1);
    CHECK(parsed.header_text == text.substr(0, text.find("\n\n") + 1));
    CHECK(parsed.sealed.size() == 2 + 32 + 2 + 32 + 16);
    // The passphrase is not in the file, and the share file does not repeat across custodians.
    CHECK(text.find("passphrase of custodian") == std::string::npos);
  }

  TEST_CASE(
      "open_share_file returns the share and the custodian key; a wrong passphrase names "
      "the custodian") {
    test::ShareSetFixture set;
    auto parsed = read_share_file(set.files[1]);
    auto opened = open_share_file(parsed, test::ShareSetFixture::passphrase(1), "dev.share");
    CHECK(opened.share.index == 2);
    CHECK(opened.share.value.size() == 32);
    CHECK(opened.key.public_key() == parsed.header.custodian_public_key);
    try {
      open_share_file(parsed, Secret("not the passphrase"), "dev.share");
      FAIL("opened with a wrong passphrase");
    } catch (const WrongPassphrase& e) {
      CHECK(std::string(e.what()) == "wrong passphrase for custodian Dev (dev.share)");
    }
  }

  TEST_CASE("a header changed without the passphrase no longer opens (it is the AAD)") {
    test::ShareSetFixture set;
    auto text = set.text(0);
    for (auto [key, value] :
         std::vector<std::pair<std::string, std::string>>{{"custodian", "Mallory"},
                                                          {"index", "2"},
                                                          {"threshold", "2"},
                                                          {"token-label", "other-hsm"},
                                                          {"purpose", "key-backup"},
                                                          {"kdf-iterations", "2"},
                                                          {"set-id", std::string(32, 'a')}}) {
      CAPTURE(key);
      auto changed = parse_share_file(with_field(text, key, value), "cara.share");
      CHECK_THROWS_AS(open_share_file(changed, test::ShareSetFixture::passphrase(0), "cara.share"),
                      WrongPassphrase);
    }
  }

  TEST_CASE("parse errors name the file, the line and the field") {
    test::ShareSetFixture set;
    auto text = set.text(0);
    CHECK(parse_error(with_field(text, "format", "keyrite-share 2")) ==
          "cara.share:1: format: \"keyrite-share 2\" is not \"keyrite-share 1\" (not a keyrite "
          "share file, or a newer format)");
    CHECK(parse_error(with_field(text, "set-id", "xyz")) ==
          "cara.share:2: set-id: expected 32 hex digits");
    CHECK(parse_error(with_field(text, "purpose", "fun")) ==
          "cara.share:3: purpose: \"fun\" is not activation or key-backup");
    CHECK(parse_error(with_field(text, "token-label", std::string(33, 'x'))) ==
          "cara.share:4: token-label: longer than 32 bytes");
    CHECK(parse_error(with_field(text, "threshold", "1")) ==
          "cara.share:6: threshold: 1 is outside 2..255");
    CHECK(parse_error(with_field(text, "shares", "2")) ==
          "cara.share:7: shares: 2 is outside 3..255");
    CHECK(parse_error(with_field(text, "index", "0")) ==
          "cara.share:8: index: 0 is outside 1..255");
    CHECK(parse_error(with_field(text, "index", "01")) ==
          "cara.share:8: index: \"01\" is not a decimal number");
    CHECK(parse_error(with_field(text, "custodian", "A=B")) ==
          "cara.share:9: custodian: custodian name \"A=B\" may not contain '='");
    CHECK(parse_error(with_field(text, "custodian-public-key", "AAAA")) ==
          "cara.share:10: custodian-public-key: expected the base64 of a 32-byte Ed25519 public "
          "key");
    CHECK(parse_error(with_field(text, "kdf", "scrypt")) ==
          "cara.share:11: kdf: \"scrypt\" is not argon2id");
    CHECK(parse_error(with_field(text, "kdf-salt", "00")) ==
          "cara.share:15: kdf-salt: expected 32 hex digits");
    CHECK(parse_error(with_field(text, "cipher", "chacha20")) ==
          "cara.share:16: cipher: \"chacha20\" is not aes-256-gcm");
    CHECK(parse_error(with_field(text, "nonce", std::string(24, 'A'))) ==
          "cara.share:17: nonce: hex digits must be lower case");
    CHECK(parse_error(text.substr(0, 40)) ==
          "cara.share:2: set-id: the line does not end with a newline");
    auto swapped = text;
    swapped.replace(0, swapped.find('\n'), "set-id: x");
    CHECK(parse_error(swapped) == "cara.share:1: format: expected here, found \"set-id\"");
    auto no_blank = text;
    no_blank.erase(no_blank.find("\n\n"), 1);
    CHECK(parse_error(no_blank).rfind("cara.share:18: blank line: expected an empty line", 0) == 0);
    auto header_only = text.substr(0, text.find("\n\n") + 2);
    CHECK(parse_error(header_only) == "cara.share:19: payload: missing (the file ends here)");
    CHECK(parse_error(header_only + "!!!!\n") == "cara.share:19: payload: not valid base64");
    CHECK(parse_error(header_only + "AAAA\n") ==
          "cara.share:19: payload: 3 bytes is not a possible sealed share size");
    CHECK(parse_error(with_field(text, "token-serial", "ab\tc")) ==
          "cara.share:5: token-serial: contains a control character");
  }

  TEST_CASE("absurd KDF parameters are refused at parse time, before any KDF runs") {
    test::ShareSetFixture set;
    auto text = set.text(0);
    CHECK(parse_error(with_field(text, "kdf-memory-kib", "1024")) ==
          "cara.share:12: kdf-memory-kib: 1024 is outside 8192..1048576");
    CHECK(parse_error(with_field(text, "kdf-memory-kib", "4294967295")) ==
          "cara.share:12: kdf-memory-kib: 4294967295 is outside 8192..1048576");
    CHECK(parse_error(with_field(text, "kdf-iterations", "0")) ==
          "cara.share:13: kdf-iterations: 0 is outside 1..16");
    CHECK(parse_error(with_field(text, "kdf-iterations", "100000")) ==
          "cara.share:13: kdf-iterations: 100000 is outside 1..16");
    CHECK(parse_error(with_field(text, "kdf-parallelism", "17")) ==
          "cara.share:14: kdf-parallelism: 17 is outside 1..16");
    CHECK(kdf_params_problem({4096, 3, 1}) == "kdf-memory-kib: 4096 is below the minimum 8192");
    // The largest memory a header may ask for, with more passes than the 4 GiB budget allows.
    CHECK(parse_error(
              with_field(with_field(text, "kdf-memory-kib", "1048576"), "kdf-iterations", "5")) ==
          "cara.share:13: kdf-iterations: kdf-memory-kib x kdf-iterations: 5242880 is above the "
          "maximum 4194304 (4 GiB of passes)");
    CHECK(kdf_params_problem({1048576, 4, 1}) == std::nullopt);
    CHECK(kdf_params_problem({65536, 3, 1}) == std::nullopt);
    CHECK_THROWS_WITH(derive_passphrase_key(Secret("x"), Bytes(16), {65536, 0, 1}),
                      "kdf-iterations: 0 is below the minimum 1");
  }

  TEST_CASE("the default KDF cost is 64 MiB, 3 passes, 1 lane") {
    KdfParams defaults;
    CHECK(defaults.memory_kib == 65536);
    CHECK(defaults.iterations == 3);
    CHECK(defaults.parallelism == 1);
    auto start = std::chrono::steady_clock::now();
    derive_passphrase_key(Secret("a passphrase"), Bytes(16), defaults);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    MESSAGE("Argon2id at the default cost took " << ms << " ms");
    CHECK(ms > 0);
  }
}
