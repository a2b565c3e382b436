// Derivations from a quorum secret: known answers from known_answers.py (Python's hmac, not
// OpenSSL), and the share commitment.
#include "quorum/derive.h"

#include <doctest/doctest.h>

#include "quorum/descriptor.h"
#include "util/bytes.h"

using namespace kr;
using namespace kr::quorum;

namespace {
Secret counting_secret() {
  Secret s;
  for (int i = 0; i < 32; ++i) s.push_back(static_cast<std::uint8_t>(i));
  return s;
}
}  // namespace

TEST_SUITE("quorum::derive") {
  TEST_CASE("PINs, backup KEK and secret-check match an independent HKDF") {
    auto secret = counting_secret();
    CHECK(derive_user_pin(secret).view() == "1daa52038dc07058fe39646a832151a4");
    CHECK(derive_so_pin(secret).view() == "a4f5dd0af345ff448f5d52078ca14a47");
    auto kek = derive_backup_kek(secret);
    CHECK(to_hex(ByteView(kek.data(), kek.size())) ==
          "7d7e012b098aa9a9c829c6162eaaca3ab34d27d7d047d3ec198e58d85f0724cb");
    CHECK(secret_check(secret) ==
          "e44880977bf6c874c0e0fda13738ffa8c84c5bab527a31fd909084c77cc0868d");
  }

  TEST_CASE("the share commitment binds set id, index and value") {
    Share share{3, Secret(std::string_view("\x01\x02\x03\x04", 4))};
    CHECK(share_commitment("00112233445566778899aabbccddeeff", share) ==
          "cd9b8a75f7a721a0145f35f4a1ce60fd49d037aa098d0f806d4228a6228868f0");
    Share other{4, share.value.clone()};
    CHECK(share_commitment("00112233445566778899aabbccddeeff", other) !=
          share_commitment("00112233445566778899aabbccddeeff", share));
    CHECK_THROWS_WITH(share_commitment("0011", share), "set id \"0011\" is not 32 hex digits");
  }
}
