// Pre-signed OCSP responses: CA-signed and delegated, good and revoked, checked with
// OCSP_basic_verify; the to-be-signed bytes; what the builder refuses.
#include "x509/ocsp_builder.h"

#include <doctest/doctest.h>
#include <openssl/err.h>

#include "unit/x509/crl_csr_ocsp_support.h"
#include "util/error.h"
#include "x509/extensions.h"

using namespace kr;
using test::at;

namespace {

using CertIdPtr = std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID_free>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)>;

const test::OcspHierarchy& hierarchy() {
  return test::ocsp_hierarchy();
}

x509::OcspTemplate good_template() {
  const auto& h = hierarchy();
  x509::OcspTemplate t;
  t.issuer = h.root.cert.get();
  t.certificate = h.sub.get();
  t.this_update = at("2026-01-01T00:00:00Z");
  t.next_update = at("2026-12-31T00:00:00Z");
  t.produced_at = at("2026-01-01T00:00:00Z");
  return t;
}

x509::OcspTemplate revoked_delegated_template() {
  auto t = good_template();
  t.status = x509::OcspStatus::revoked;
  t.revocation_time = at("2025-12-24T10:00:00Z");
  t.reason = x509::CrlReason::key_compromise;
  t.signer = hierarchy().responder.get();
  return t;
}

ossl::OcspResponsePtr sign(const x509::OcspTemplate& t, EVP_PKEY* key,
                           std::string_view algorithm = {}) {
  auto ctx = test::signing_context(key, algorithm.empty() ? test::algorithm_for(key) : algorithm);
  auto response = x509::build_and_sign_ocsp(t, ctx.get());
  return x509::read_ocsp_response(x509::ocsp_response_der(response.get()), "response");
}

// OCSP_basic_verify with the root as the only trust anchor; `certs` are extra untrusted
// certificates (the CA's own, for a CA-signed response, which carries none).
int verify(OCSP_BASICRESP* bs, const X509* extra) {
  ossl::X509StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), const_cast<X509*>(hierarchy().root.cert.get()));
  X509StackPtr certs(sk_X509_new_null(), [](STACK_OF(X509) * s) { sk_X509_free(s); });
  if (extra) sk_X509_push(certs.get(), const_cast<X509*>(extra));
  int ok = OCSP_basic_verify(bs, certs.get(), store.get(), 0);
  ERR_clear_error();
  return ok;
}

struct Status {
  int status = -2, reason = -2;
  std::optional<UtcTime> revoked, this_update, next_update;
};

Status status_of(OCSP_BASICRESP* bs, const X509* cert, const X509* issuer) {
  CertIdPtr id(OCSP_cert_to_id(EVP_sha1(), cert, issuer));
  Status s;
  ASN1_GENERALIZEDTIME *rev = nullptr, *thisupd = nullptr, *nextupd = nullptr;
  if (OCSP_resp_find_status(bs, id.get(), &s.status, &s.reason, &rev, &thisupd, &nextupd) != 1)
    return s;
  if (rev) s.revoked = x509::from_asn1_time(rev);
  s.this_update = x509::from_asn1_time(thisupd);
  s.next_update = x509::from_asn1_time(nextupd);
  return s;
}

std::string error_of(const x509::OcspTemplate& t) {
  auto ctx = test::signing_context(test::test_root().key, "ecdsa-with-SHA256");
  try {
    x509::build_and_sign_ocsp(t, ctx.get());
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

Bytes key_hash(const OCSP_BASICRESP* bs) {
  const ASN1_OCTET_STRING* key = nullptr;
  const X509_NAME* name = nullptr;
  if (OCSP_resp_get0_id(bs, &key, &name) != 1 || !key) return {};
  return Bytes(ASN1_STRING_get0_data(key), ASN1_STRING_get0_data(key) + ASN1_STRING_length(key));
}

}  // namespace

TEST_SUITE("x509::build_and_sign_ocsp") {
  TEST_CASE("a CA-signed good response verifies") {
    const auto& h = hierarchy();
    auto response = sign(good_template(), h.root.key);
    CHECK(OCSP_response_status(response.get()) == OCSP_RESPONSE_STATUS_SUCCESSFUL);
    auto bs = x509::ocsp_basic(response.get());
    REQUIRE(bs);
    CHECK(verify(bs.get(), h.root.cert.get()) == 1);
    Status s = status_of(bs.get(), h.sub.get(), h.root.cert.get());
    CHECK(s.status == V_OCSP_CERTSTATUS_GOOD);
    CHECK(s.this_update == at("2026-01-01T00:00:00Z"));
    CHECK(s.next_update == at("2026-12-31T00:00:00Z"));
    CHECK(x509::from_asn1_time(OCSP_resp_get0_produced_at(bs.get())) == at("2026-01-01T00:00:00Z"));
    CHECK(key_hash(bs.get()) == x509::key_identifier_sha1(h.root.cert.get()));
    CHECK(OCSP_resp_get0_certs(bs.get()) == nullptr);  // certs is absent, not empty
    CHECK(OCSP_resp_count(bs.get()) == 1);
    CHECK(OCSP_BASICRESP_get_ext_count(bs.get()) == 0);
  }

  TEST_CASE("a delegated revoked response verifies and carries the responder certificate") {
    const auto& h = hierarchy();
    auto response = sign(revoked_delegated_template(), h.responder_key, "rsassaPss-sha256");
    auto bs = x509::ocsp_basic(response.get());
    REQUIRE(bs);
    CHECK(verify(bs.get(), nullptr) == 1);
    Status s = status_of(bs.get(), h.sub.get(), h.root.cert.get());
    CHECK(s.status == V_OCSP_CERTSTATUS_REVOKED);
    CHECK(s.reason == OCSP_REVOKED_STATUS_KEYCOMPROMISE);
    CHECK(s.revoked == at("2025-12-24T10:00:00Z"));
    CHECK(key_hash(bs.get()) == x509::key_identifier_sha1(h.responder.get()));
    REQUIRE(sk_X509_num(OCSP_resp_get0_certs(bs.get())) == 1);
    CHECK(X509_cmp(sk_X509_value(OCSP_resp_get0_certs(bs.get()), 0), h.responder.get()) == 0);

    // The same response signed by a key that is not the responder's does not verify.
    auto other = test::rsa_key(2048);
    auto forged = x509::ocsp_basic(sign(revoked_delegated_template(), other.get()).get());
    CHECK(verify(forged.get(), nullptr) != 1);
  }

  TEST_CASE("a revoked response without a reason, and unspecified, carry no revocationReason") {
    const auto& h = hierarchy();
    for (auto reason :
         {std::optional<x509::CrlReason>{}, std::optional{x509::CrlReason::unspecified}}) {
      auto t = revoked_delegated_template();
      t.reason = reason;
      auto bs = x509::ocsp_basic(sign(t, h.responder_key).get());
      Status s = status_of(bs.get(), h.sub.get(), h.root.cert.get());
      CHECK(s.status == V_OCSP_CERTSTATUS_REVOKED);
      CHECK(s.reason == OCSP_REVOKED_STATUS_NOSTATUS);
    }
  }

  TEST_CASE("CertID: from the certificate or its serial, SHA-1 by default, SHA-256 on request") {
    const auto& h = hierarchy();
    auto by_cert = x509::ocsp_basic(sign(good_template(), h.root.key).get());
    auto t = good_template();
    t.certificate = nullptr;
    const ASN1_INTEGER* serial = X509_get0_serialNumber(h.sub.get());
    t.serial = Bytes(ASN1_STRING_get0_data(serial),
                     ASN1_STRING_get0_data(serial) + ASN1_STRING_length(serial));
    auto by_serial = x509::ocsp_basic(sign(t, h.root.key).get());
    CHECK(x509::ocsp_tbs_der(by_cert.get()) == x509::ocsp_tbs_der(by_serial.get()));

    t.cert_id_hash = x509::CertIdHash::sha256;
    auto sha256 = x509::ocsp_basic(sign(t, h.root.key).get());
    ASN1_OBJECT* md = nullptr;
    OCSP_id_get0_info(
        nullptr, &md, nullptr, nullptr,
        const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(OCSP_resp_get0(sha256.get(), 0))));
    CHECK(OBJ_obj2nid(md) == NID_sha256);
    OCSP_id_get0_info(
        nullptr, &md, nullptr, nullptr,
        const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(OCSP_resp_get0(by_cert.get(), 0))));
    CHECK(OBJ_obj2nid(md) == NID_sha1);
    CHECK(verify(sha256.get(), h.root.cert.get()) == 1);
  }

  TEST_CASE("the to-be-signed bytes are the same whichever key of the type signs") {
    const auto& h = hierarchy();
    auto throwaway = test::ec_key("P-256");
    auto trial = x509::ocsp_basic(sign(good_template(), throwaway.get()).get());
    auto real = x509::ocsp_basic(sign(good_template(), h.root.key).get());
    CHECK(x509::ocsp_tbs_der(trial.get()) == x509::ocsp_tbs_der(real.get()));
    CHECK(verify(trial.get(), h.root.cert.get()) != 1);
    CHECK(verify(real.get(), h.root.cert.get()) == 1);
  }

  TEST_CASE("refusals") {
    const auto& h = hierarchy();
    auto t = good_template();
    t.issuer = nullptr;
    CHECK(error_of(t) == "the OCSP template names no issuer certificate");
    t = good_template();
    t.certificate = nullptr;
    CHECK(error_of(t) == "the OCSP template names neither a certificate nor a serial");
    t = good_template();
    t.certificate = h.root.cert.get();
    t.issuer = h.sub.get();
    CHECK(error_of(t) ==
          "the certificate (C = US, O = Example, CN = Example Root CA) was not "
          "issued by C = US, O = Example, CN = Example Sub CA");
    t = good_template();
    t.signer = h.sub.get();
    t.issuer = h.sub.get();
    t.certificate = nullptr;
    t.serial = {0x01};
    CHECK(error_of(t) ==
          "the OCSP signer (C = US, O = Example, CN = Example Sub CA) was not "
          "issued by C = US, O = Example, CN = Example Sub CA");
    t = revoked_delegated_template();
    t.reason = x509::CrlReason::certificate_hold;
    CHECK(error_of(t) ==
          "reason certificateHold is refused: keyrite does not suspend "
          "certificates (CPS 4.9.13)");
    t = good_template();
    t.next_update = t.this_update;
    CHECK(error_of(t) ==
          "next-update 2026-01-01T00:00:00Z is not later than this-update "
          "2026-01-01T00:00:00Z");
    CHECK_THROWS_WITH_AS(x509::build_and_sign_ocsp(good_template(), nullptr),
                         "no signing context for the OCSP response", Error);
  }

  TEST_CASE("responses that are not successful have no basic response") {
    ossl::OcspResponsePtr later(OCSP_response_create(OCSP_RESPONSE_STATUS_TRYLATER, nullptr));
    auto reread = x509::read_ocsp_response(x509::ocsp_response_der(later.get()), "later");
    CHECK(OCSP_response_status(reread.get()) == OCSP_RESPONSE_STATUS_TRYLATER);
    CHECK_FALSE(x509::ocsp_basic(reread.get()));
    CHECK_FALSE(x509::ocsp_basic(nullptr));
    CHECK_THROWS_AS(x509::read_ocsp_response(as_bytes("junk"), "junk"), Error);
  }
}
