// The CRL builder: what it writes (order, extensions, encodings), what it refuses, and that the
// to-be-signed bytes do not depend on the key that signs them.
#include "x509/crl_builder.h"

#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "unit/x509/crl_csr_ocsp_support.h"
#include "util/error.h"

using namespace kr;
using test::at;

namespace {

x509::CrlTemplate crl_template(const X509* issuer) {
  x509::CrlTemplate t;
  t.issuer = issuer;
  t.this_update = at("2026-01-01T00:00:00Z");
  t.next_update = at("2026-07-01T00:00:00Z");
  t.crl_number = x509::crl_number_bytes(42);
  t.entries = {
      {{0x30, 0x01},
       at("2025-06-01T12:00:00Z"),
       x509::CrlReason::key_compromise,
       at("2025-05-30T00:00:00Z")},
      {{0x05}, at("2025-03-01T00:00:00Z"), x509::CrlReason::unspecified, std::nullopt},
      {{0x00, 0x7F},
       at("2025-04-01T00:00:00Z"),
       x509::CrlReason::cessation_of_operation,
       std::nullopt},
  };
  return t;
}

ossl::X509CrlPtr signed_crl(const x509::CrlTemplate& t, EVP_PKEY* key) {
  auto crl = x509::build_crl(t);
  auto ctx = test::signing_context(key, test::algorithm_for(key));
  REQUIRE(X509_CRL_sign_ctx(crl.get(), ctx.get()) > 0);
  return x509::read_crl(x509::crl_der(crl.get()), "signed CRL");
}

std::string error_of(const x509::CrlTemplate& t) {
  try {
    x509::build_crl(t);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

template <class T>
T* ext_d2i(const X509_REVOKED* r, int nid, int* crit) {
  return static_cast<T*>(X509_REVOKED_get_ext_d2i(r, nid, crit, nullptr));
}

}  // namespace

TEST_SUITE("x509::build_crl") {
  TEST_CASE("a signed CRL verifies and has what the template asked for") {
    const auto& root = test::test_root();
    auto crl = signed_crl(crl_template(root.cert.get()), root.key);
    CHECK(X509_CRL_verify(crl.get(), root.key) == 1);
    CHECK(X509_CRL_get_version(crl.get()) == X509_CRL_VERSION_2);
    CHECK(ossl::name_der(X509_CRL_get_issuer(crl.get())) ==
          ossl::name_der(X509_get_subject_name(root.cert.get())));
    CHECK(x509::from_asn1_time(X509_CRL_get0_lastUpdate(crl.get())) == at("2026-01-01T00:00:00Z"));
    CHECK(x509::from_asn1_time(X509_CRL_get0_nextUpdate(crl.get())) == at("2026-07-01T00:00:00Z"));
    CHECK(x509::crl_number(crl.get()) == Bytes{42});

    // CRL extensions: authorityKeyIdentifier then cRLNumber, both non-critical.
    REQUIRE(X509_CRL_get_ext_count(crl.get()) == 2);
    CHECK(OBJ_obj2nid(X509_EXTENSION_get_object(X509_CRL_get_ext(crl.get(), 0))) ==
          NID_authority_key_identifier);
    CHECK(OBJ_obj2nid(X509_EXTENSION_get_object(X509_CRL_get_ext(crl.get(), 1))) == NID_crl_number);
    CHECK(X509_EXTENSION_get_critical(X509_CRL_get_ext(crl.get(), 0)) == 0);
    CHECK(X509_EXTENSION_get_critical(X509_CRL_get_ext(crl.get(), 1)) == 0);
    std::unique_ptr<AUTHORITY_KEYID, ossl::Deleter<AUTHORITY_KEYID_free>> akid(
        static_cast<AUTHORITY_KEYID*>(
            X509_CRL_get_ext_d2i(crl.get(), NID_authority_key_identifier, nullptr, nullptr)));
    REQUIRE(akid);
    CHECK(ASN1_OCTET_STRING_cmp(akid->keyid, X509_get0_subject_key_id(root.cert.get())) == 0);
    CHECK(akid->issuer == nullptr);
    CHECK(akid->serial == nullptr);

    // Entries sorted by serial: 05, 7f, 3001.
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl.get());
    REQUIRE(sk_X509_REVOKED_num(revoked) == 3);
    auto serial = [&](int i) {
      return x509::serial_hex(X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(revoked, i)));
    };
    CHECK(serial(0) == "05");
    CHECK(serial(1) == "7f");
    CHECK(serial(2) == "3001");

    // unspecified is written as no reasonCode at all.
    CHECK(X509_REVOKED_get_ext_count(sk_X509_REVOKED_value(revoked, 0)) == 0);
    int crit = -1;
    std::unique_ptr<ASN1_ENUMERATED, ossl::Deleter<ASN1_ENUMERATED_free>> reason(
        ext_d2i<ASN1_ENUMERATED>(sk_X509_REVOKED_value(revoked, 1), NID_crl_reason, &crit));
    REQUIRE(reason);
    CHECK(ASN1_ENUMERATED_get(reason.get()) == 5);  // cessationOfOperation
    CHECK(crit == 0);

    const X509_REVOKED* third = sk_X509_REVOKED_value(revoked, 2);
    CHECK(x509::from_asn1_time(X509_REVOKED_get0_revocationDate(third)) ==
          at("2025-06-01T12:00:00Z"));
    std::unique_ptr<ASN1_GENERALIZEDTIME, ossl::Deleter<ASN1_GENERALIZEDTIME_free>> invalidity(
        ext_d2i<ASN1_GENERALIZEDTIME>(third, NID_invalidity_date, &crit));
    REQUIRE(invalidity);
    CHECK(crit == 0);
    CHECK(ASN1_STRING_type(invalidity.get()) == V_ASN1_GENERALIZEDTIME);
    CHECK(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(invalidity.get())),
                      ASN1_STRING_length(invalidity.get())) == "20250530000000Z");
  }

  TEST_CASE("the to-be-signed bytes are the same whichever key of the type signs") {
    const auto& root = test::test_root();
    auto t = crl_template(root.cert.get());
    auto throwaway = test::ec_key("P-256");
    auto trial = signed_crl(t, throwaway.get());
    auto real = signed_crl(t, root.key);
    CHECK(x509::crl_tbs_der(trial.get()) == x509::crl_tbs_der(real.get()));
    CHECK(x509::crl_der(trial.get()) != x509::crl_der(real.get()));
    CHECK(X509_CRL_verify(trial.get(), root.key) != 1);
    CHECK(X509_CRL_verify(real.get(), root.key) == 1);
  }

  TEST_CASE("an RSA issuer signing with RSASSA-PSS") {
    EVP_PKEY* key = test::shared_key("rsa-2048");
    auto ca = test::make_cert({.cn = "Example RSA CA", .key = key});
    auto crl = x509::build_crl(crl_template(ca.get()));
    auto ctx = test::signing_context(key, "rsassaPss-sha256");
    REQUIRE(X509_CRL_sign_ctx(crl.get(), ctx.get()) > 0);
    CHECK(X509_CRL_verify(crl.get(), key) == 1);
    CHECK(X509_CRL_get_signature_nid(crl.get()) == NID_rsassaPss);
  }

  TEST_CASE("refusals") {
    const auto& root = test::test_root();
    auto t = crl_template(root.cert.get());
    t.entries.push_back(
        {{0x00, 0x30, 0x01}, at("2025-06-02T00:00:00Z"), std::nullopt, std::nullopt});
    CHECK(
        error_of(t) ==
        "revoked[3]: serial 3001 is already listed at revoked[0]; a CRL lists a certificate once");

    t = crl_template(root.cert.get());
    t.entries[1].reason = x509::CrlReason::certificate_hold;
    CHECK(error_of(t) ==
          "revoked[1]: reason certificateHold is refused: keyrite does not suspend "
          "certificates (CPS 4.9.13) or make delta CRLs");
    t.entries[1].reason = x509::CrlReason::remove_from_crl;
    CHECK(error_of(t).rfind("revoked[1]: reason removeFromCRL is refused", 0) == 0);

    t = crl_template(root.cert.get());
    t.entries[2].serial = {0x00};
    CHECK(error_of(t) == "revoked[2]: serial number is zero; it must be positive");
    t.entries[2].serial = Bytes(21, 0x01);
    CHECK(error_of(t) == "revoked[2]: serial number is longer than 20 octets");

    t = crl_template(root.cert.get());
    t.next_update = t.this_update;
    CHECK(error_of(t) ==
          "next-update 2026-01-01T00:00:00Z is not later than this-update "
          "2026-01-01T00:00:00Z");

    t = crl_template(root.cert.get());
    t.crl_number.clear();
    CHECK(error_of(t) == "the CRL number is empty");
    t.crl_number = Bytes(20, 0xFF);  // 160 bits: 21 octets with the sign octet
    CHECK(error_of(t) == "the CRL number is longer than 20 octets (RFC 5280 5.2.3)");
    t.crl_number = Bytes(20, 0x7F);
    CHECK_NOTHROW(x509::build_crl(t));

    t = crl_template(nullptr);
    CHECK(error_of(t) == "the CRL template names no issuer certificate");

    auto no_ski = test::make_cert({.cn = "No SKI CA",
                                   .key = root.key,
                                   .extensions = {{NID_basic_constraints, "critical,CA:TRUE"}}});
    t = crl_template(no_ski.get());
    CHECK(error_of(t) ==
          "the issuer certificate has no subjectKeyIdentifier; CPS 7.2.2 requires "
          "the CRL's authorityKeyIdentifier to repeat it");
  }

  TEST_CASE("CRL numbers") {
    CHECK(x509::crl_number_bytes(0) == Bytes{0});
    CHECK(x509::crl_number_bytes(1) == Bytes{1});
    CHECK(x509::crl_number_bytes(0x0100) == Bytes{1, 0});
    CHECK(x509::crl_number_bytes(UINT64_MAX) == Bytes(8, 0xFF));
    const auto& root = test::test_root();
    auto t = crl_template(root.cert.get());
    t.crl_number = {0x00};
    CHECK(x509::crl_number(x509::build_crl(t).get()) == Bytes{0x00});
    t.crl_number = {0x80};  // a positive 128, which DER writes as 00 80
    CHECK(x509::crl_number(x509::build_crl(t).get()) == Bytes{0x80});
    t.entries.clear();
    auto crl = x509::build_crl(t);
    CHECK(X509_CRL_get_REVOKED(crl.get()) == nullptr);
    X509_EXTENSION_free(
        X509_CRL_delete_ext(crl.get(), X509_CRL_get_ext_by_NID(crl.get(), NID_crl_number, -1)));
    CHECK_FALSE(x509::crl_number(crl.get()).has_value());
    CHECK_FALSE(x509::crl_number(nullptr).has_value());
  }

  TEST_CASE("reading CRLs as PEM and DER") {
    auto crl = test::realworld_crl("crl-digicert-global-root-ca-2021-11.pem");
    Bytes der = x509::crl_der(crl.get());
    CHECK(x509::crl_der(x509::read_crl(der, "der").get()) == der);
    std::string pem = x509::crl_pem(crl.get());
    CHECK(pem.rfind("-----BEGIN X509 CRL-----", 0) == 0);
    CHECK(x509::crl_der(x509::read_crl(as_bytes(pem), "pem").get()) == der);
    CHECK(x509::crl_number(crl.get()) == x509::crl_number_bytes(597));
    Bytes trailing = der;
    trailing.push_back(0);
    std::string message;
    try {
      x509::read_crl(trailing, "trailing.crl");
    } catch (const Error& e) {
      message = e.what();
    }
    CHECK(message.rfind("trailing.crl: not a PEM or DER CRL", 0) == 0);
    CHECK_THROWS_AS(x509::read_crl(as_bytes("garbage"), "garbage"), Error);
  }
}
