// The OCSP lint: keyrite's responses (CA-signed and delegated, good and revoked) verify with
// OCSP_basic_verify and lint clean; each id fires on a hand-made broken response; a real delegated
// responder certificate passes the delegation checks; corrupted responses never crash the lint.
#include "lint/lint_ocsp.h"

#include <doctest/doctest.h>
#include <openssl/err.h>

#include <random>

#include "unit/lint/findings.h"
#include "unit/profile/profile_support.h"
#include "unit/x509/crl_csr_ocsp_support.h"
#include "x509/ocsp_builder.h"

using namespace kr;
using test::at;

namespace {

using Ids = std::vector<std::string>;
const test::OcspHierarchy& h() {
  return test::ocsp_hierarchy();
}

x509::OcspTemplate ca_good() {
  x509::OcspTemplate t;
  t.issuer = h().root.cert.get();
  t.certificate = h().sub.get();
  t.this_update = at("2026-01-01T00:00:00Z");
  t.next_update = at("2027-01-01T00:00:00Z");  // exactly 12 months
  t.produced_at = at("2026-01-01T00:00:00Z");
  return t;
}

x509::OcspTemplate delegated_revoked() {
  auto t = ca_good();
  t.status = x509::OcspStatus::revoked;
  t.revocation_time = at("2025-12-24T10:00:00Z");
  t.reason = x509::CrlReason::ca_compromise;
  t.signer = h().responder.get();
  return t;
}

ossl::OcspResponsePtr sign(const x509::OcspTemplate& t, EVP_PKEY* key, std::string alg = {}) {
  auto ctx = test::signing_context(key, alg.empty() ? test::algorithm_for(key) : alg);
  auto r = x509::build_and_sign_ocsp(t, ctx.get());
  return x509::read_ocsp_response(x509::ocsp_response_der(r.get()), "test response");
}

// A response about the sub CA made and signed by OpenSSL's own OCSP_basic_sign_ctx (producedAt:
// now), after `tweak`: how the tests make responder IDs and cert lists the builder never writes.
ossl::OcspResponsePtr openssl_response(const X509* signer, EVP_PKEY* key, unsigned long flags,
                                       std::function<void(OCSP_BASICRESP*)> tweak = {}) {
  ossl::OcspBasicRespPtr bs(OCSP_BASICRESP_new());
  std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID_free>> id(
      OCSP_cert_to_id(EVP_sha1(), h().sub.get(), h().root.cert.get()));
  auto this_update = x509::to_asn1_time(at("2026-01-01T00:00:00Z"));
  auto next_update = x509::to_asn1_time(at("2026-06-01T00:00:00Z"));
  REQUIRE(OCSP_basic_add1_status(bs.get(), id.get(), V_OCSP_CERTSTATUS_GOOD, -1, nullptr,
                                 this_update.get(), next_update.get()));
  if (tweak) tweak(bs.get());
  auto ctx = test::signing_context(key, test::algorithm_for(key));
  REQUIRE(OCSP_basic_sign_ctx(bs.get(), const_cast<X509*>(signer), ctx.get(), nullptr, flags) == 1);
  return ossl::OcspResponsePtr(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, bs.get()));
}

std::vector<lint::Finding> lint_of(const OCSP_RESPONSE* r, const X509* issuer = h().root.cert.get(),
                                   const X509* signer = nullptr,
                                   lint::OcspLintOptions options = {}) {
  return lint::lint_ocsp_response(r, issuer, signer, options);
}

int basic_verify(const OCSP_RESPONSE* r, const X509* extra) {
  auto bs = x509::ocsp_basic(r);
  ossl::X509StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), const_cast<X509*>(h().root.cert.get()));
  STACK_OF(X509)* certs = sk_X509_new_null();
  if (extra) sk_X509_push(certs, const_cast<X509*>(extra));
  int ok = OCSP_basic_verify(bs.get(), certs, store.get(), 0);
  sk_X509_free(certs);
  ERR_clear_error();
  return ok;
}

ossl::X509Ptr responder_with(test::ExtensionList exts, const char* cn, EVP_PKEY* issuer_key) {
  return test::make_cert({.cn = cn,
                          .key = h().responder_key,
                          .issuer = h().root.cert.get(),
                          .issuer_key = issuer_key,
                          .extensions = std::move(exts)});
}

test::ExtensionList without(int nid) {
  auto exts = test::responder_extensions();
  std::erase_if(exts, [&](const auto& e) { return e.first == nid; });
  return exts;
}

}  // namespace

TEST_SUITE("lint::lint_ocsp_response") {
  TEST_CASE("keyrite's responses verify and lint clean") {
    auto ca = sign(ca_good(), h().root.key);
    CHECK(basic_verify(ca.get(), h().root.cert.get()) == 1);
    CHECK(test::ids(lint_of(ca.get())).empty());
    CHECK(test::ids(lint_of(ca.get(), h().root.cert.get(), h().root.cert.get())).empty());

    auto delegated = sign(delegated_revoked(), h().responder_key, "rsassaPss-sha256");
    CHECK(basic_verify(delegated.get(), nullptr) == 1);
    CHECK(test::ids(lint_of(delegated.get())).empty());
    CHECK(test::ids(lint_of(delegated.get(), h().root.cert.get(), h().responder.get())).empty());

    auto t = delegated_revoked();
    t.status = x509::OcspStatus::good;
    t.cert_id_hash = x509::CertIdHash::sha256;
    CHECK(test::ids(lint_of(sign(t, h().responder_key).get())).empty());

    // Without the issuer: notices only. A delegated signer is still found by its responder ID.
    auto f = lint_of(ca.get(), nullptr);
    CHECK(test::ids(f) == Ids{"n_ocsp_issuer_not_checked", "n_ocsp_issuer_not_checked"});
    CHECK_FALSE(lint::has_errors(f));
    f = lint_of(delegated.get(), nullptr);
    CHECK(test::ids(f) == Ids{"n_ocsp_issuer_not_checked", "n_ocsp_issuer_not_checked"});
    CHECK(f[0].message ==
          "no issuer certificate was given: whether the delegated responder "
          "\"C = US, O = Example, CN = Example Root OCSP\" was issued by the CA "
          "was not checked");
  }

  TEST_CASE("response status") {
    ossl::OcspResponsePtr later(OCSP_response_create(OCSP_RESPONSE_STATUS_TRYLATER, nullptr));
    auto f = lint_of(later.get());
    CHECK(test::ids(f) == Ids{"e_ocsp_not_successful"});
    CHECK(f[0].message ==
          "responseStatus is trylater (3); a pre-signed response must be "
          "successful (0)");
    CHECK(test::ids(lint_of(nullptr)) == Ids{"e_ocsp_lint_failed"});
  }

  TEST_CASE("delegated responders must be authorized") {
    auto no_eku = responder_with(without(NID_ext_key_usage), "No EKU OCSP", h().root.key);
    auto t = delegated_revoked();
    t.signer = no_eku.get();
    auto f = lint_of(sign(t, h().responder_key).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_signer_not_authorized"});
    CHECK(test::message_of(f, "e_ocsp_signer_not_authorized") ==
          "the delegated responder \"C = US, O = Example, CN = No EKU OCSP\" has no "
          "id-kp-OCSPSigning extended key usage (RFC 6960 4.2.2.2)");

    auto no_nocheck =
        responder_with(without(NID_id_pkix_OCSP_noCheck), "Checked OCSP", h().root.key);
    t.signer = no_nocheck.get();
    f = lint_of(sign(t, h().responder_key).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_nocheck_missing"});
    CHECK(test::message_of(f, "e_ocsp_nocheck_missing") ==
          "the delegated responder \"C = US, O = Example, CN = Checked OCSP\" has no "
          "id-pkix-ocsp-nocheck extension (CPS Appendix B, OCSP Signing Certificates; RFC 6960 "
          "4.2.2.2.1)");

    // Names the root as its issuer (and its key identifier) but was signed by another key.
    auto other = test::ec_key("P-256");
    auto impostor = responder_with(test::responder_extensions(), "Impostor OCSP", other.get());
    t.signer = impostor.get();
    f = lint_of(sign(t, h().responder_key).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_signer_not_authorized"});
    CHECK(test::message_of(f, "e_ocsp_signer_not_authorized") ==
          "the delegated responder \"C = US, O = Example, CN = Impostor OCSP\" was not issued by "
          "the CA \"C = US, O = Example, CN = Example Root CA\" (RFC 6960 4.2.2.2)");

    // A delegated response without the responder's certificate.
    auto bare =
        openssl_response(h().responder.get(), h().responder_key, OCSP_NOCERTS | OCSP_RESPID_KEY);
    f = lint_of(bare.get(), h().root.cert.get(), h().responder.get());
    CHECK(test::ids(f) == Ids{"e_ocsp_signer_cert_missing"});
    CHECK(test::message_of(f, "e_ocsp_signer_cert_missing") ==
          "the delegated responder \"C = US, O = Example, CN = Example Root OCSP\" is not in the "
          "response's certs, so clients cannot check the delegation");
  }

  TEST_CASE("a real delegated responder certificate passes the delegation checks") {
    auto isrg = test::realworld_cert("isrg-root-x1.pem");
    auto isrg_ocsp = test::realworld_cert("isrg-root-ocsp-x1.pem");
    auto r3 = test::realworld_cert("le-r3.pem");
    x509::OcspTemplate t;
    t.issuer = isrg.get();
    t.certificate = r3.get();
    t.signer = isrg_ocsp.get();
    t.this_update = at("2021-01-01T00:00:00Z");
    t.next_update = at("2021-06-01T00:00:00Z");
    t.produced_at = at("2021-01-01T00:00:00Z");
    // Signed with a key of ours, not ISRG's: only the signature can be wrong.
    auto f = lint_of(sign(t, h().responder_key).get(), isrg.get());
    CHECK(test::ids(f) == Ids{"e_ocsp_signature_invalid"});
    CHECK(test::message_of(f, "e_ocsp_signature_invalid") ==
          "the signature does not verify with the key of the delegated responder \"C = US, O = "
          "Internet Security Research Group, CN = ISRG Root OCSP X1\"");
    t.this_update = t.produced_at = at("2025-07-01T00:00:00Z");
    t.next_update = at("2025-07-08T00:00:00Z");
    f = lint_of(sign(t, h().responder_key).get(), isrg.get());
    CHECK(test::ids(f) == Ids{"e_ocsp_signature_invalid", "e_ocsp_signer_not_valid"});
    CHECK(test::message_of(f, "e_ocsp_signer_not_valid") ==
          "the signer \"C = US, O = Internet Security Research Group, CN = ISRG Root OCSP X1\" is "
          "not valid at producedAt 2025-07-01T00:00:00Z (valid 2020-06-09T13:04:11Z to "
          "2025-06-10T13:04:11Z)");
  }

  TEST_CASE("times and intervals") {
    auto t = ca_good();
    t.produced_at = at("2025-12-31T23:59:59Z");
    auto f = lint_of(sign(t, h().root.key).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_this_update_after_produced"});
    CHECK(test::message_of(f, "e_ocsp_this_update_after_produced") ==
          "thisUpdate 2026-01-01T00:00:00Z is after producedAt 2025-12-31T23:59:59Z");

    t = ca_good();
    t.next_update = at("2027-01-01T00:00:01Z");
    f = lint_of(sign(t, h().root.key).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_interval"});
    CHECK(test::message_of(f, "e_ocsp_interval") ==
          "nextUpdate is 1 year and 1 second after thisUpdate; a response for a CA certificate may "
          "span at most 12 months (CPS 4.10.1, BRs 4.9.10)");

    lint::OcspLintOptions subscriber;
    subscriber.subject_kind = lint::OcspSubjectKind::subscriber;
    t = ca_good();
    t.next_update = at("2026-01-10T23:59:59Z");  // 10 days counted inclusively
    CHECK(test::ids(lint_of(sign(t, h().root.key).get(), h().root.cert.get(), nullptr, subscriber))
              .empty());
    t.next_update = at("2026-01-11T00:00:00Z");
    f = lint_of(sign(t, h().root.key).get(), h().root.cert.get(), nullptr, subscriber);
    CHECK(test::ids(f) == Ids{"e_ocsp_interval"});
    CHECK(test::message_of(f, "e_ocsp_interval") ==
          "the validity interval is 10 days and 1 second (counted inclusively); a response for a "
          "subscriber certificate may span at most 10 days (BRs 4.9.10)");

    t = delegated_revoked();
    t.revocation_time = at("2026-01-01T00:00:01Z");
    f = lint_of(sign(t, h().responder_key).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_revocation_after_this_update"});
  }

  TEST_CASE("CertID, signature, responder ID and extensions") {
    lint::OcspLintOptions expect;
    expect.expected_serial = {0x01};
    auto ca = sign(ca_good(), h().root.key);
    auto f = lint_of(ca.get(), h().root.cert.get(), nullptr, expect);
    CHECK(test::ids(f) == Ids{"e_ocsp_certid_mismatch"});
    CHECK(test::message_of(f, "e_ocsp_certid_mismatch") ==
          "the CertID's serial " + x509::serial_hex(X509_get0_serialNumber(h().sub.get())) +
              " is not the expected 01");

    // Same key as the root, another name: the CertID's issuerNameHash names the wrong CA.
    auto renamed = test::make_cert({.cn = "Example Root CA 2", .key = h().root.key});
    auto t = ca_good();
    t.issuer = renamed.get();
    t.certificate = nullptr;
    t.serial = {0x42};
    f = lint_of(sign(t, h().root.key).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_certid_mismatch"});
    CHECK(test::message_of(f, "e_ocsp_certid_mismatch") ==
          "the CertID's issuerNameHash is not the hash of the issuer's name \"C = US, O = "
          "Example, CN = Example Root CA\"");

    f = lint_of(sign(ca_good(), h().root.key, "ecdsa-with-SHA1").get());
    CHECK(test::ids(f) == Ids{"e_ocsp_sig_alg_forbidden"});
    CHECK(test::message_of(f, "e_ocsp_sig_alg_forbidden") ==
          "ecdsa-with-SHA1 is forbidden: keyrite never signs with MD2, MD4, MD5 or SHA-1");

    auto other = test::ec_key("P-256");
    f = lint_of(sign(ca_good(), other.get()).get());
    CHECK(test::ids(f) == Ids{"e_ocsp_signature_invalid"});
    CHECK(test::message_of(f, "e_ocsp_signature_invalid") ==
          "the signature does not verify with the key of the CA \"C = US, O = Example, CN = "
          "Example Root CA\"");

    // byName, naming a certificate with the root's key but another name.
    auto by_name = openssl_response(renamed.get(), h().root.key, OCSP_NOCERTS);
    f = lint_of(by_name.get());
    CHECK(test::ids(f) == Ids{"e_ocsp_responder_id_mismatch"});
    CHECK(test::message_of(f, "e_ocsp_responder_id_mismatch") ==
          "the responder ID (byName \"C = US, O = Example, CN = Example Root CA 2\") does not "
          "identify the signer \"C = US, O = Example, CN = Example Root CA\"");

    auto nonce =
        openssl_response(h().root.cert.get(), h().root.key, OCSP_NOCERTS | OCSP_RESPID_KEY,
                         [](OCSP_BASICRESP* bs) { OCSP_basic_add1_nonce(bs, nullptr, 16); });
    f = lint_of(nonce.get());
    CHECK(test::ids(f) == Ids{"e_ocsp_nonce_present"});
    CHECK(test::message_of(f, "e_ocsp_nonce_present") ==
          "the response carries a nonce; a pre-signed response answers no particular request "
          "(CPS 7.3.1)");
  }

  TEST_CASE("corrupted responses never crash the lint") {
    std::mt19937 rng(20260101);  // fixed: a failure must be reproducible
    Bytes good = x509::ocsp_response_der(sign(delegated_revoked(), h().responder_key).get());
    int parsed = 0, attempts = 0;
    for (int round = 0; round < 1500; ++round, ++attempts) {
      Bytes bad = good;
      int flips = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < flips; ++i)
        bad[rng() % bad.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
      if (round % 10 == 0) bad.resize(rng() % bad.size());
      const unsigned char* p = bad.data();
      ossl::OcspResponsePtr r(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(bad.size())));
      if (!r) continue;
      ++parsed;
      for (const X509* issuer : std::initializer_list<const X509*>{h().root.cert.get(), nullptr})
        for (const auto& f : lint_of(r.get(), issuer)) CHECK_FALSE(f.message.empty());
    }
    ERR_clear_error();
    MESSAGE("corrupted responses parsed by OpenSSL and linted: " << parsed << " of " << attempts);
    CHECK(parsed > attempts / 10);
  }
}
