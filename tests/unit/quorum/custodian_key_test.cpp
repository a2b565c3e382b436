// Custodian Ed25519 keys: RFC 8032's first test vector, sign/verify, refusals.
#include "quorum/custodian_key.h"

#include <doctest/doctest.h>

#include "util/base64.h"
#include "util/error.h"

using namespace kr;
using namespace kr::quorum;

namespace {
Secret secret_hex(std::string_view hex) {
  Secret s;
  auto bytes = from_hex(hex);
  for (auto b : bytes.value()) s.push_back(b);
  return s;
}
}  // namespace

TEST_SUITE("quorum::CustodianKey") {
  TEST_CASE("RFC 8032 section 7.1 test 1: public key and signature of the empty message") {
    auto key = CustodianKey::from_seed(
        secret_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    CHECK(to_hex(key.public_key()) ==
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    auto sig = key.sign({});
    CHECK(to_hex(sig) ==
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
          "39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    CHECK(verify_signature(key.public_key(), {}, sig));
  }

  TEST_CASE("a fresh key signs; another message, key or a flipped bit does not verify") {
    auto a = CustodianKey::generate();
    auto b = CustodianKey::generate();
    CHECK(a.public_key() != b.public_key());
    CHECK(a.seed().size() == 32);
    auto sig = a.sign(as_bytes("approve step key-1"));
    CHECK(verify_signature(a.public_key(), as_bytes("approve step key-1"), sig));
    CHECK_FALSE(verify_signature(a.public_key(), as_bytes("approve step key-2"), sig));
    CHECK_FALSE(verify_signature(b.public_key(), as_bytes("approve step key-1"), sig));
    for (std::size_t i = 0; i < sig.size(); i += 7) {
      auto bad = sig;
      bad[i] ^= 0x01;
      CHECK_FALSE(verify_signature(a.public_key(), as_bytes("approve step key-1"), bad));
    }
    CHECK_FALSE(verify_signature(Bytes(31), as_bytes("x"), sig));
    CHECK_FALSE(verify_signature(a.public_key(), as_bytes("x"), Bytes(63)));
  }

  TEST_CASE("a seed of the wrong length is refused") {
    CHECK_THROWS_WITH(CustodianKey::from_seed(Secret("short")),
                      "a custodian key seed must be 32 bytes, not 5");
  }
}
