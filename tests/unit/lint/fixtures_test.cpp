// tests/data/lint/keyrite-*.pem are roots built and signed by this code. unit-crosscheck (which
// links only kr_crosscheck) validates them with Botan; this test proves they are still exactly
// what the builder makes today, so that check never runs on stale bytes.
// Regenerate with: unit-profile --no-skip -tc="regenerate keyrite fixtures"
#include <doctest/doctest.h>

#include "ossl/der.h"
#include "unit/lint/findings.h"
#include "unit/profile/profile_support.h"
#include "x509/asn1_time.h"
#include "x509/builder.h"
#include "x509/key_info.h"
#include "x509/name.h"

using namespace kr;

namespace {

struct Fixture {
  const char* file;
  const char* key;
  const char* algorithm;
};
constexpr Fixture kFixtures[] = {
    {"keyrite-root-rsa2048-sha256.pem", "rsa-2048", "sha256WithRSAEncryption"},
    {"keyrite-root-rsa2048-pss-sha256.pem", "rsa-2048", "rsassaPss-sha256"},
    {"keyrite-root-p384-sha384.pem", "P-384", "ecdsa-with-SHA384"},
};

std::filesystem::path fixture_dir() {
  return std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "lint";
}

}  // namespace

TEST_SUITE("lint::fixtures") {
  TEST_CASE("regenerate keyrite fixtures" * doctest::skip()) {
    for (const auto& f : kFixtures) {
      auto key = std::string(f.key) == "P-384" ? test::ec_key("P-384") : test::rsa_key(2048);
      auto r = test::root_request(key.get());
      r.subject = {
          {"C", "US"}, {"O", "keyrite test"}, {"CN", "keyrite Test Root " + std::string(f.key)}};
      r.signature_algorithm = f.algorithm;
      auto cert = test::make_certificate(r);
      std::ofstream(fixture_dir() / f.file) << ossl::cert_pem(cert.get());
    }
  }

  TEST_CASE("the committed fixtures are exactly what the builder makes today") {
    for (const auto& f : kFixtures) {
      CAPTURE(f.file);
      auto cert = ossl::read_certificate(read_file(fixture_dir() / f.file), f.file);
      CHECK(test::ids(lint::lint_certificate(cert.get(), test::root_profile(), nullptr)).empty());
      CHECK(X509_verify(cert.get(), X509_get0_pubkey(cert.get())) == 1);
      // Rebuild from the fixture's own values; sign with a throwaway key of the same kind so the
      // AlgorithmIdentifier is filled in; the to-be-signed bytes must match exactly.
      x509::CertificateTemplate t;
      t.subject = t.issuer = x509::read_name(X509_get_subject_name(cert.get()));
      const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
      t.serial.assign(ASN1_STRING_get0_data(serial),
                      ASN1_STRING_get0_data(serial) + ASN1_STRING_length(serial));
      t.not_before = *x509::from_asn1_time(X509_get0_notBefore(cert.get()));
      t.not_after = *x509::from_asn1_time(X509_get0_notAfter(cert.get()));
      t.public_key = X509_get0_pubkey(cert.get());
      t.extensions = test::root_profile().extensions;
      auto rebuilt = x509::build_certificate(t);
      test::sign(rebuilt.get(), test::shared_key(f.key), f.algorithm);
      CHECK(x509::tbs_der(rebuilt.get()) == x509::tbs_der(cert.get()));
      CHECK(x509::describe_key(X509_get0_pubkey(cert.get())).text ==
            (std::string(f.key) == "P-384" ? "P-384" : "RSA 2048-bit"));
    }
  }
}
