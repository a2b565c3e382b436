// The whole kr-lint path (input detection, parsing, profile choice, every lint, both reports) on
// thousands of truncated and bit-flipped versions of real certificates and CRLs, in DER and in
// PEM: it must never crash or hang (the sanitizer build runs this too), and every input must give
// a result: an artifact with its findings, or the reason it could not be read.
#include <doctest/doctest.h>
#include <openssl/pem.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

#include "lint/linter.h"
#include "lint/report.h"
#include "unit/lint/lint_support.h"
#include "util/exit_status.h"

using namespace kr;

namespace {

struct Seed {
  std::string file;
  Bytes der;
  bool crl;
};

std::vector<Seed> seeds() {
  std::vector<Seed> out;
  for (const auto& e : std::filesystem::directory_iterator(test::realworld_dir())) {
    if (e.path().extension() != ".pem") continue;
    auto artifacts = lint::read_artifacts(read_file(e.path()));
    REQUIRE(artifacts.size() == 1);
    REQUIRE(artifacts[0].error.empty());
    out.push_back({e.path().filename().string(), artifacts[0].der,
                   artifacts[0].type == lint::ArtifactType::crl});
  }
  std::sort(out.begin(), out.end(), [](const Seed& a, const Seed& b) { return a.file < b.file; });
  return out;
}

std::string pem_of(ByteView der, const char* label) {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio(bio.get(), label, "", der.data(), static_cast<long>(der.size()));
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

class Mutator {
 public:
  explicit Mutator(std::uint32_t seed) : rng_(seed) {}
  std::size_t below(std::size_t n) { return n ? rng_() % n : 0; }

  // Half: 1-4 flipped bytes (what OpenSSL often still parses, so the lints run on odd values);
  // a quarter: a truncation; a quarter: flips plus a flipped bit in the outer header, where the
  // lengths are.
  Bytes mutate(const Bytes& in) {
    Bytes out = in;
    std::size_t kind = below(4);
    if (kind == 2) {
      out.resize(below(out.size()));
      return out;
    }
    for (int i = 0, n = 1 + static_cast<int>(below(4)); i < n && !out.empty(); ++i)
      out[below(out.size())] ^= static_cast<std::uint8_t>(1 + below(255));
    if (kind == 3 && !out.empty()) out[below(std::min<std::size_t>(out.size(), 8))] ^= 0x80;
    return out;
  }

 private:
  std::mt19937 rng_;
};

}  // namespace

TEST_SUITE("lint fuzz") {
  TEST_CASE("thousands of corrupted real certificates and CRLs: a result for each, never a crash") {
    auto all = seeds();
    CHECK(all.size() >= 39);
    auto issuer = test::realworld_cert("amazon-root-ca-1.pem");
    lint::Linter with_issuer({"", test::profiles_with("fuzz", {"root-ca", "crl"}), issuer.get()});
    lint::Linter without_issuer({"", test::profiles_with("fuzz2", {"root-ca", "crl"}), nullptr});
    Mutator m(20150526);  // fixed: a failure must be reproducible
    std::size_t inputs = 0, parsed = 0, unreadable = 0, findings = 0;
    auto started = std::chrono::steady_clock::now();
    for (const auto& seed : all) {
      // The 20,685-entry CRL takes a few milliseconds per run: fewer variants of it.
      bool large = seed.der.size() > 100000;
      int rounds = large ? 12 : seed.crl ? 150 : 90;
      for (int round = 0; round < rounds; ++round) {
        Bytes bad = m.mutate(seed.der);
        std::string name = seed.file + "#" + std::to_string(round);
        std::vector<lint::Result> results;
        if (round % 3 == 2) {
          // As PEM: the block decoded and parsed, or its text cut short.
          std::string text = pem_of(bad, seed.crl ? "X509 CRL" : "CERTIFICATE");
          if (round % 2) text.resize(m.below(text.size()));
          results = with_issuer.lint_data(name, as_bytes(text));
        } else {
          results = (round % 2 ? with_issuer : without_issuer).lint_data(name, bad);
        }
        ++inputs;
        REQUIRE_FALSE(results.empty());
        for (const auto& r : results) {
          CHECK(r.file == name);
          if (r.error.empty()) {
            REQUIRE(r.type);
            ++parsed;
            findings += r.findings.size();
            for (const auto& f : r.findings) CHECK_FALSE(f.id.empty());
          } else {
            ++unreadable;
          }
        }
        int status = lint::exit_status(results);
        CHECK((status == kr::kExitOk || status == kr::kExitError || status == kr::kExitFoundWrong));
        auto doc = nlohmann::json::parse(lint::render_json(results));
        CHECK(doc["files"].size() == results.size());
        CHECK_FALSE(lint::render_text(results).empty());
      }
    }
    auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE("fuzz: " << inputs << " inputs, " << parsed << " artifacts parsed and linted ("
                     << findings << " findings), " << unreadable << " unreadable parts, in "
                     << seconds << " s");
    CHECK(inputs >= 3000);
    CHECK(parsed > inputs / 10);
    CHECK(unreadable > inputs / 10);
  }

  TEST_CASE("corrupted CSRs and OCSP responses: a result for each, never a crash") {
    auto root = test::make_cert({.cn = "Fuzz OCSP Root"});
    std::vector<Bytes> seeds{test::make_csr_der("R&D"),
                             test::make_ocsp_der(root.get(), root.get(), test::ca_key())};
    lint::Linter linter({"", test::profiles_with("fuzz4", {"root-ca", "crl"}), root.get()});
    Mutator m(2986);
    std::size_t parsed = 0;
    for (const auto& seed : seeds)
      for (int round = 0; round < 300; ++round) {
        auto results = linter.lint_data("variant", m.mutate(seed));
        REQUIRE_FALSE(results.empty());
        for (const auto& r : results) parsed += r.error.empty();
        nlohmann::json::parse(lint::render_json(results));
      }
    MESSAGE("CSR and OCSP variants parsed and linted: " << parsed << " of 600");
    CHECK(parsed > 60);
  }

  TEST_CASE("random bytes and PEM-looking text never crash either") {
    Mutator m(7);
    lint::Linter linter({"", test::profiles_with("fuzz3", {"root-ca", "crl"}), nullptr});
    std::size_t unreadable = 0;
    for (int i = 0; i < 300; ++i) {
      Bytes junk(m.below(600));
      for (auto& b : junk) b = static_cast<std::uint8_t>(m.below(256));
      if (i % 4 == 0 && !junk.empty()) junk[0] = 0x30;  // looks like a SEQUENCE
      std::string text(junk.begin(), junk.end());
      if (i % 5 == 0) text = "-----BEGIN CERTIFICATE-----\n" + text;
      if (i % 7 == 0) text += "\n-----END CERTIFICATE-----\n";
      auto results = linter.lint_data("junk", as_bytes(text));
      REQUIRE_FALSE(results.empty());
      bool any_unreadable = false;
      for (const auto& r : results) any_unreadable |= !r.error.empty();
      unreadable += any_unreadable;
      // An input that could not be read must never pass as clean.
      if (any_unreadable) CHECK(lint::exit_status(results) != 0);
      nlohmann::json::parse(lint::render_json(results));
    }
    // Random bytes are almost never a certificate: nearly every input is reported unreadable.
    CHECK(unreadable >= 290);
  }
}
