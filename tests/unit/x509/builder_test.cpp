// The builder: field by field, extensions in profile order, and the to-be-signed bytes being the
// ones the signature covers. OpenSSL's own code (X509_verify, its "hash" subjectKeyIdentifier)
// is the independent check.
#include "x509/builder.h"

#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "unit/x509/test_support.h"
#include "util/error.h"
#include "x509/asn1_time.h"
#include "x509/extensions.h"
#include "x509/name.h"
#include "x509/serial.h"

using namespace kr;

namespace {

std::vector<x509::ExtensionSpec> root_extensions() {
  using namespace x509;
  return {{BasicConstraints{true, std::nullopt}, true},
          {KeyUsage{
               {KeyUsageBit::digital_signature, KeyUsageBit::key_cert_sign, KeyUsageBit::crl_sign}},
           true},
          {SubjectKeyIdentifier{}, false}};
}

x509::CertificateTemplate root_template(EVP_PKEY* key) {
  x509::CertificateTemplate t;
  t.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Root CA 1"}};
  t.issuer = t.subject;
  t.serial = x509::random_serial();
  t.not_before = *parse_utc("2025-05-26T00:00:00Z");
  t.not_after = *parse_utc("2050-05-26T00:00:00Z");
  t.public_key = key;
  t.extensions = root_extensions();
  return t;
}

// The first element of the Certificate SEQUENCE, exactly as encoded.
Bytes tbs_from_der(const X509* cert) {
  Bytes der = ossl::cert_der(cert);
  const unsigned char* p = der.data();
  std::unique_ptr<ASN1_SEQUENCE_ANY, void (*)(ASN1_SEQUENCE_ANY*)> seq(
      d2i_ASN1_SEQUENCE_ANY(nullptr, &p, static_cast<long>(der.size())),
      [](ASN1_SEQUENCE_ANY* s) { sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free); });
  REQUIRE(seq);
  const ASN1_TYPE* tbs = sk_ASN1_TYPE_value(seq.get(), 0);
  const ASN1_STRING* s = tbs->value.sequence;
  return Bytes(ASN1_STRING_get0_data(s), ASN1_STRING_get0_data(s) + ASN1_STRING_length(s));
}

}  // namespace

TEST_SUITE("x509::builder") {
  TEST_CASE("a root: every field as asked, extensions in profile order") {
    EVP_PKEY* key = test::shared_key("rsa-2048");
    auto t = root_template(key);
    auto cert = x509::build_certificate(t);
    CHECK(X509_get_version(cert.get()) == X509_VERSION_3);
    // DER drops leading zero octets (a random serial starts with 0x00 one time in 128).
    auto expected = to_hex(t.serial);
    while (expected.rfind("00", 0) == 0) expected.erase(0, 2);
    CHECK(x509::serial_hex(X509_get0_serialNumber(cert.get())) == expected);
    CHECK(x509::read_name(X509_get_subject_name(cert.get())) == t.subject);
    CHECK(X509_NAME_cmp(X509_get_issuer_name(cert.get()), X509_get_subject_name(cert.get())) == 0);
    CHECK(format_utc(*x509::from_asn1_time(X509_get0_notBefore(cert.get()))) ==
          "2025-05-26T00:00:00Z");
    CHECK(ASN1_STRING_type(X509_get0_notBefore(cert.get())) == V_ASN1_UTCTIME);
    CHECK(ASN1_STRING_type(X509_get0_notAfter(cert.get())) == V_ASN1_GENERALIZEDTIME);
    CHECK(EVP_PKEY_eq(X509_get0_pubkey(cert.get()), key) == 1);
    REQUIRE(X509_get_ext_count(cert.get()) == 3);
    const int nids[] = {NID_basic_constraints, NID_key_usage, NID_subject_key_identifier};
    const int critical[] = {1, 1, 0};
    for (int i = 0; i < 3; ++i) {
      X509_EXTENSION* ext = X509_get_ext(cert.get(), i);
      CHECK(OBJ_obj2nid(X509_EXTENSION_get_object(ext)) == nids[i]);
      CHECK(X509_EXTENSION_get_critical(ext) == critical[i]);
    }
    // OpenSSL's extension cache needs a complete (signed) certificate.
    test::sign(cert.get(), key, "sha256WithRSAEncryption");
    auto parsed = test::reparse(cert.get());
    CHECK(X509_get_key_usage(parsed.get()) ==
          (KU_DIGITAL_SIGNATURE | KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    CHECK(X509_check_ca(parsed.get()) == 1);
    CHECK(X509_get_pathlen(parsed.get()) == -1);
  }

  TEST_CASE("subjectKeyIdentifier is what OpenSSL's own 'hash' method computes") {
    for (const char* kind : {"rsa-2048", "P-256", "P-384", "P-521"}) {
      auto cert = x509::build_certificate(root_template(test::shared_key(kind)));
      X509V3_CTX ctx;
      X509V3_set_ctx(&ctx, nullptr, cert.get(), nullptr, nullptr, 0);
      ossl::X509ExtensionPtr theirs(
          X509V3_EXT_nconf_nid(nullptr, &ctx, NID_subject_key_identifier, "hash"));
      REQUIRE(theirs);
      X509_EXTENSION* ours =
          X509_get_ext(cert.get(), X509_get_ext_by_NID(cert.get(), NID_subject_key_identifier, -1));
      CHECK(ASN1_OCTET_STRING_cmp(X509_EXTENSION_get_data(ours),
                                  X509_EXTENSION_get_data(theirs.get())) == 0);
      CHECK(x509::key_identifier_sha1(cert.get()) ==
            x509::key_identifier_sha1(test::shared_key(kind)));
      CHECK(x509::key_identifier_sha1(cert.get()).size() == 20);
    }
  }

  TEST_CASE("signed with software keys, OpenSSL verifies, and tbs_der is what was signed") {
    const std::pair<const char*, const char*> cases[] = {
        {"rsa-2048", "sha256WithRSAEncryption"}, {"rsa-2048", "rsassaPss-sha384"},
        {"P-256", "ecdsa-with-SHA256"},          {"P-384", "ecdsa-with-SHA384"},
        {"P-521", "ecdsa-with-SHA512"},
    };
    for (const auto& [kind, alg] : cases) {
      CAPTURE(alg);
      EVP_PKEY* key = test::shared_key(kind);
      auto cert = x509::build_certificate(root_template(key));
      test::sign(cert.get(), key, alg);
      auto parsed = test::reparse(cert.get());
      CHECK(X509_verify(parsed.get(), key) == 1);
      CHECK(x509::tbs_der(cert.get()) == tbs_from_der(parsed.get()));
      CHECK(x509::tbs_der(parsed.get()) == tbs_from_der(parsed.get()));
    }
  }

  TEST_CASE("the same template and algorithm give the same to-be-signed bytes") {
    EVP_PKEY* key = test::shared_key("P-256");
    auto t = root_template(key);
    auto a = x509::build_certificate(t);
    auto b = x509::build_certificate(t);
    test::sign(a.get(), key, "ecdsa-with-SHA256");
    test::sign(b.get(), test::shared_key("P-256"), "ecdsa-with-SHA256");
    CHECK(x509::tbs_der(a.get()) == x509::tbs_der(b.get()));
    CHECK(ossl::cert_der(a.get()) != ossl::cert_der(b.get()));  // ECDSA signatures differ
  }

  TEST_CASE(
      "issued certificates: issuer name copied verbatim, authorityKeyIdentifier from issuer") {
    auto amazon = test::realworld_cert("amazon-root-ca-3.pem");
    auto t = root_template(test::shared_key("P-256"));
    t.issuer_name = X509_get_subject_name(amazon.get());
    t.issuer_key_id = x509::key_identifier_sha1(amazon.get());
    t.extensions.push_back({x509::AuthorityKeyIdentifier{}, false});
    auto cert = x509::build_certificate(t);
    CHECK(ossl::name_der(X509_get_issuer_name(cert.get())) ==
          ossl::name_der(X509_get_subject_name(amazon.get())));
    test::sign(cert.get(), test::shared_key("P-256"), "ecdsa-with-SHA256");  // names and AKI only
    CHECK(X509_check_issued(amazon.get(), test::reparse(cert.get()).get()) == X509_V_OK);
    t.issuer_key_id.clear();
    CHECK_THROWS_WITH_AS(x509::build_certificate(t),
                         "authorityKeyIdentifier: the issuer has no subjectKeyIdentifier", Error);
  }

  TEST_CASE("templates that cannot become a certificate are refused") {
    auto t = root_template(test::shared_key("P-256"));
    t.not_after = t.not_before;
    CHECK_THROWS_WITH_AS(
        x509::build_certificate(t),
        "not-after 2025-05-26T00:00:00Z is not later than not-before 2025-05-26T00:00:00Z", Error);
    t = root_template(nullptr);
    CHECK_THROWS_WITH_AS(x509::build_certificate(t), "certificate template has no public key",
                         Error);
    t = root_template(test::shared_key("P-256"));
    t.serial = {0x80};
    CHECK_THROWS_WITH_AS(x509::build_certificate(t),
                         "serial number has its top bit set; it must be positive", Error);
  }
}
