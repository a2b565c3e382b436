// GF(2^8) and Shamir sharing: known answers worked out independently, every m-subset, the
// information-theoretic property for m-1 shares, refusals, and cross-checks with libgfshare.
#include "quorum/shamir.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <fstream>

#include "quorum/gf256.h"
#include "support/temp_dir.h"
#include "util/bytes.h"
#include "util/error.h"

using namespace kr;
using namespace kr::quorum;

namespace {

Secret secret_of(const Bytes& b) {
  Secret s;
  for (auto x : b) s.push_back(x);
  return s;
}
Secret secret_hex(std::string_view hex) {
  return secret_of(*from_hex(hex));
}
std::string hex_of(const Secret& s) {
  return to_hex(ByteView(s.data(), s.size()));
}

std::vector<Share> pick(const std::vector<Share>& all, const std::vector<int>& which) {
  std::vector<Share> out;
  for (int i : which)
    out.push_back(Share{all[static_cast<std::size_t>(i)].index,
                        all[static_cast<std::size_t>(i)].value.clone()});
  return out;
}

// Calls f for every k-subset of {0..n-1}, as a list of positions.
template <class F>
void for_each_subset(int n, int k, F f, std::vector<int> chosen = {}, int from = 0) {
  if (static_cast<int>(chosen.size()) == k) return f(chosen);
  for (int i = from; i < n; ++i) {
    chosen.push_back(i);
    for_each_subset(n, k, f, chosen, i + 1);
    chosen.pop_back();
  }
}

}  // namespace

TEST_SUITE("quorum::gf256") {
  // Expected values are printed by known_answers.py (beside this file), an independent Python
  // computation with libgfshare's own method (log/exp tables of generator 2 under 0x11d).
  TEST_CASE("multiplication and inverse match libgfshare's table arithmetic") {
    CHECK(gf256::mul(0x53, 0xca) == 0x8f);
    CHECK(gf256::mul(0x02, 0x80) == 0x1d);  // x * x^7 = x^8 = x^4+x^3+x^2+1
    CHECK(gf256::mul(0xff, 0xff) == 0xe2);
    CHECK(gf256::inv(0x02) == 0x8e);
    CHECK(gf256::inv(0x53) == 0x8c);
    CHECK(gf256::inv(0) == 0);
  }

  TEST_CASE("every non-zero element times its inverse is 1, and multiplication commutes") {
    for (int a = 1; a < 256; ++a) {
      auto x = static_cast<std::uint8_t>(a);
      CHECK(gf256::mul(x, gf256::inv(x)) == 1);
      for (int b = 0; b < 256; b += 17)
        CHECK(gf256::mul(x, static_cast<std::uint8_t>(b)) ==
              gf256::mul(static_cast<std::uint8_t>(b), x));
    }
  }

  TEST_CASE("the generator 2 has order 255 (the polynomial is primitive)") {
    std::array<bool, 256> seen{};
    std::uint8_t x = 1;
    for (int i = 0; i < 255; ++i) {
      CHECK_FALSE(seen[x]);
      seen[x] = true;
      x = gf256::mul(x, 2);
    }
    CHECK(x == 1);
  }
}

TEST_SUITE("quorum::shamir") {
  TEST_CASE("known answer: 3-of-5 with fixed coefficients") {
    // Values printed by known_answers.py: secret "keyrite KAT", c1 = 10 11 12 ...,
    // c2 = a5 a4 a7 ...; share x = f(x) = secret + c1 x + c2 x^2, evaluated with tables.
    Secret secret("keyrite KAT");
    std::vector<Secret> coefficients;
    coefficients.push_back(secret_hex("101112131415161718191a"));
    coefficients.push_back(secret_hex("a5a4a7a6a1a0a3a2adacaf"));
    auto shares = split_with_coefficients(secret, 3, 5, coefficients);
    REQUIRE(shares.size() == 5);
    const char* expected[] = {"ded0ccc7dcc1d095fef4e1", "e5edfbf6ffe4ffbcf5f9e6",
                              "50584e434a514a09404c53", "a9b3938cfbf2df8e29371e",
                              "1c0626394e476a3b9c82ab"};
    for (int i = 0; i < 5; ++i) {
      CHECK(shares[static_cast<std::size_t>(i)].index == i + 1);
      CHECK(hex_of(shares[static_cast<std::size_t>(i)].value) == expected[i]);
    }
    CHECK(combine(pick(shares, {0, 2, 4})).view() == "keyrite KAT");
  }

  TEST_CASE("every m-subset of n shares recovers the secret (n up to 6, exhaustively)") {
    Secret secret = secret_hex("00ff7f80010203fefd");
    for (int n = 2; n <= 6; ++n)
      for (int m = 2; m <= n; ++m) {
        auto shares = split(secret, m, n);
        int subsets = 0;
        for_each_subset(n, m, [&](const std::vector<int>& which) {
          ++subsets;
          CHECK(combine(pick(shares, which)).view() == secret.view());
        });
        for_each_subset(n, n, [&](const std::vector<int>& which) {
          CHECK(combine(pick(shares, which)).view() == secret.view());  // more than m is fine
        });
        CHECK(subsets > 0);
      }
  }

  TEST_CASE("a 255-share set recovers from its last shares") {
    Secret secret("thirty-two bytes of test secret!");
    auto shares = split(secret, 5, 255);
    CHECK(shares.back().index == 255);
    CHECK(combine(pick(shares, {250, 251, 252, 253, 254})).view() == secret.view());
  }

  TEST_CASE("m-1 shares fit exactly one polynomial for every candidate secret") {
    // For m = 2 and m = 3 with a one-byte secret, count over ALL polynomials of degree m-1 how
    // many pass through the given m-1 shares with f(0) = s: it must be exactly 1 for each of the
    // 256 candidates s, so the shares say nothing about which one is the secret.
    Secret secret = secret_hex("5a");
    for (int m : {2, 3}) {
      auto shares = split(secret, m, 4);
      std::array<int, 256> fits{};
      const int rows = m == 2 ? 1 : 256;
      for (int s = 0; s < 256; ++s)
        for (int c2 = 0; c2 < rows; ++c2)
          for (int c1 = 0; c1 < 256; ++c1) {
            bool all = true;
            for (int k = 0; k < m - 1; ++k) {
              auto x = shares[static_cast<std::size_t>(k)].index;
              std::uint8_t y = gf256::mul(static_cast<std::uint8_t>(c2), x);
              y = gf256::add(gf256::mul(gf256::add(y, static_cast<std::uint8_t>(c1)), x),
                             static_cast<std::uint8_t>(s));
              all = all && y == shares[static_cast<std::size_t>(k)].value.data()[0];
            }
            fits[static_cast<std::size_t>(s)] += all ? 1 : 0;
          }
      for (int s = 0; s < 256; ++s) CHECK(fits[static_cast<std::size_t>(s)] == 1);
    }
  }

  TEST_CASE("m-1 shares combine to something other than the secret") {
    Secret secret("the real secret");
    auto shares = split(secret, 3, 5);
    CHECK(combine(pick(shares, {0, 1})).view() != secret.view());
  }

  TEST_CASE("bad thresholds and bad shares are refused") {
    Secret secret("s");
    CHECK_THROWS_WITH(split(secret, 1, 3),
                      "a quorum needs at least 2 shares to recover the secret (m = 1)");
    CHECK_THROWS_WITH(split(secret, 4, 3),
                      "the threshold m = 4 is larger than the number of shares n = 3");
    CHECK_THROWS_WITH(split(secret, 2, 256),
                      "at most 255 shares are possible in GF(2^8) (n = 256)");
    CHECK_THROWS_WITH(split(Secret(), 2, 3), "cannot split an empty secret");
    CHECK_THROWS_WITH(split_with_coefficients(secret, 3, 3, {}),
                      "splitting 3-of-3 needs 2 rows of coefficients");

    auto shares = split(Secret("abc"), 2, 3);
    CHECK_THROWS_WITH(combine({}), "no shares to combine");
    auto dup = pick(shares, {0, 1});
    dup[1].index = dup[0].index;
    CHECK_THROWS_WITH(combine(dup), "share index 1 is given twice");
    auto zero = pick(shares, {0, 1});
    zero[1].index = 0;
    CHECK_THROWS_WITH(combine(zero), "share index 0 is not a valid share");
    auto uneven = pick(shares, {0, 1});
    uneven[1].value.pop_back();
    CHECK_THROWS_WITH(combine(uneven), "shares 1 and 2 differ in length");
  }
}

TEST_SUITE("quorum::shamir against libgfshare (gfsplit, gfcombine)") {
  // gfsplit/gfcombine files hold the raw share bytes; the share index is the file name's
  // ".NNN" suffix (three decimal digits).
  TEST_CASE("shares made by keyrite combine with gfcombine") {
    REQUIRE_MESSAGE(std::system("command -v gfcombine >/dev/null") == 0,
                    "gfcombine missing: run scripts/install-deps (libgfshare-bin)");
    test::TempDir dir("gfshare");
    Secret secret("32 bytes that gfcombine recovers");
    auto shares = split(secret, 3, 5);
    for (int i : {1, 3, 4}) {
      char name[16];
      std::snprintf(name, sizeof name, "s.%03d", shares[static_cast<std::size_t>(i)].index);
      std::ofstream(dir / name, std::ios::binary)
          .write(shares[static_cast<std::size_t>(i)].value.view().data(),
                 static_cast<std::streamsize>(secret.size()));
    }
    std::string cmd = "cd '" + dir.path().string() + "' && gfcombine -o out s.002 s.004 s.005";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(dir / "out", std::ios::binary);
    std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(got == std::string(secret.view()));
  }

  TEST_CASE("shares made by gfsplit combine with keyrite") {
    REQUIRE(std::system("command -v gfsplit >/dev/null") == 0);
    test::TempDir dir("gfshare");
    const std::string secret = "a secret split by libgfshare's own tool";
    std::ofstream(dir / "secret", std::ios::binary) << secret;
    std::string cmd = "cd '" + dir.path().string() + "' && gfsplit -m 5 -n 3 secret part";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::vector<Share> all;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      auto name = entry.path().filename().string();
      if (name.rfind("part.", 0) != 0) continue;
      Share s;
      s.index = static_cast<std::uint8_t>(std::stoi(name.substr(5)));
      std::ifstream in(entry.path(), std::ios::binary);
      for (char c; in.get(c);) s.value.push_back(static_cast<std::uint8_t>(c));
      all.push_back(std::move(s));
    }
    REQUIRE(all.size() == 5);
    for_each_subset(5, 3, [&](const std::vector<int>& which) {
      CHECK(combine(pick(all, which)).view() == secret);
    });
    CHECK(combine(pick(all, {0, 1})).view() != secret);
  }
}
