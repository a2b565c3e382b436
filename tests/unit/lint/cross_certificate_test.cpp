// Cross-certificates: the existing certificate's subject name, SubjectPublicKeyInfo and
// subjectKeyIdentifier are copied byte for byte (Amazon Root CA 1's PrintableString names
// included), the issuer's name and key identifier link it to the new issuer, and OpenSSL builds a
// path from a real Amazon subordinate through the cross-certificate to the keyrite test root.
#include <doctest/doctest.h>
#include <openssl/x509_vfy.h>

#include "ossl/der.h"
#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"
#include "util/error.h"

using namespace kr;
namespace pki = kr::test::pki;

namespace {

using Ids = std::vector<std::string>;

Bytes spki_der(const X509* cert) {
  unsigned char* der = nullptr;
  int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

profile::CertificateRequest cross_request(const X509* existing) {
  auto r = pki::good_request("cross-ca", pki::root());
  r.subject = {};
  r.public_key = nullptr;
  r.existing = existing;
  r.not_before = pki::utc("2025-06-01T00:00:00Z");
  r.not_after = pki::utc("2037-12-31T00:00:00Z");
  return r;
}

const profile::Profile& cross_ca() {
  return pki::profile_named("cross-ca");
}

ossl::X509Ptr cross_sign(const X509* existing) {
  auto r = cross_request(existing);
  auto t = profile::cross_certificate_template(cross_ca(), r, existing, x509::random_serial());
  auto cert = x509::build_certificate(t);
  test::sign(cert.get(), pki::root().key, "ecdsa-with-SHA384");
  return test::reparse(cert.get());
}

}  // namespace

TEST_SUITE("lint::cross-certificate") {
  TEST_CASE("Amazon Root CA 1 cross-signed: subject, key and SKI byte for byte") {
    auto amazon = test::realworld_cert("amazon-root-ca-1.pem");
    auto r = cross_request(amazon.get());
    CHECK(profile::check_request(cross_ca(), r).empty());
    auto cross = cross_sign(amazon.get());

    CHECK(ossl::name_der(X509_get_subject_name(cross.get())) ==
          ossl::name_der(X509_get_subject_name(amazon.get())));
    CHECK(spki_der(cross.get()) == spki_der(amazon.get()));
    CHECK(profile::subject_key_id_of(cross.get()) == profile::subject_key_id_of(amazon.get()));
    CHECK(ossl::name_der(X509_get_issuer_name(cross.get())) ==
          ossl::name_der(X509_get_subject_name(pki::root().cert.get())));
    // Amazon writes PrintableString; the copy keeps it (keyrite's own names are UTF8String).
    const X509_NAME_ENTRY* cn = X509_NAME_get_entry(X509_get_subject_name(cross.get()), 2);
    CHECK(ASN1_STRING_type(X509_NAME_ENTRY_get_data(cn)) == V_ASN1_PRINTABLESTRING);

    auto findings =
        lint::lint_cross_certificate(cross.get(), cross_ca(), pki::root().cert.get(), amazon.get());
    CHECK(test::ids(findings).empty());
    CHECK(X509_verify(cross.get(), pki::root().key) == 1);

    // certificate_template with request.existing makes the same to-be-signed certificate.
    auto t = profile::certificate_template(cross_ca(), r, x509::random_serial());
    CHECK(t.subject_name == X509_get_subject_name(amazon.get()));
    CHECK(t.subject_key_id == profile::subject_key_id_of(amazon.get()));
  }

  TEST_CASE("OpenSSL chains a real Amazon subordinate through the cross-certificate") {
    auto amazon = test::realworld_cert("amazon-root-ca-1.pem");
    auto m01 = test::realworld_cert("amazon-rsa-2048-m01.pem");
    auto cross = cross_sign(amazon.get());
    ossl::X509StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), const_cast<X509*>(pki::root().cert.get()));
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    sk_X509_push(untrusted, cross.get());
    ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), store.get(), m01.get(), untrusted);
    X509_STORE_CTX_set_time(ctx.get(), 0,
                            pki::utc("2026-01-01T00:00:00Z").time_since_epoch().count());
    CHECK(X509_verify_cert(ctx.get()) == 1);
    CHECK(X509_STORE_CTX_get_error(ctx.get()) == X509_V_OK);
    CHECK(sk_X509_num(X509_STORE_CTX_get0_chain(ctx.get())) == 3);
    sk_X509_free(untrusted);
  }

  TEST_CASE("an identifier that is not method 1 is copied, and the lint says so") {
    auto ye = test::realworld_cert("isrg-root-ye.pem");
    auto cross = cross_sign(ye.get());
    CHECK(profile::subject_key_id_of(cross.get()) == profile::subject_key_id_of(ye.get()));
    CHECK(test::ids(lint::lint_cross_certificate(cross.get(), cross_ca(), pki::root().cert.get(),
                                                 ye.get())) == Ids{"e_ski_not_sha1_of_spki"});
  }

  TEST_CASE(
      "Let's Encrypt's shape under cabf-br/cross-ca: RFC 7093 SKI kept, caIssuers only, EKU") {
    // ISRG's cross-certificates (Root YE by Root X2 and its kind) carry keyUsage, extKeyUsage,
    // basicConstraints, the copied SKI, AKI, a caIssuers-only AIA, policies and a CRL DP, in that
    // order: the order of cabf-br/cross-ca, with the values a script gives.
    const auto& br = pki::profile_named("cabf-br/cross-ca");
    auto ye = test::realworld_cert("isrg-root-ye.pem");
    auto r = cross_request(ye.get());
    r.settings = {};
    r.settings.extended_key_usage = {"serverAuth", "clientAuth"};
    r.settings.ca_issuers = {"http://x2.i.example.org/"};
    r.settings.crl_distribution_points = {"http://x2.c.example.org/"};
    r.settings.policies = {"2.23.140.1.2.1"};
    CHECK(profile::check_request(br, r).empty());
    auto cert = x509::build_certificate(
        profile::cross_certificate_template(br, r, ye.get(), x509::random_serial()));
    test::sign(cert.get(), pki::root().key, "ecdsa-with-SHA384");
    auto cross = test::reparse(cert.get());
    std::vector<int> nids;
    for (int i = 0; i < X509_get_ext_count(cross.get()); ++i)
      nids.push_back(OBJ_obj2nid(X509_EXTENSION_get_object(X509_get_ext(cross.get(), i))));
    CHECK(nids == std::vector<int>{NID_key_usage, NID_ext_key_usage, NID_basic_constraints,
                                   NID_subject_key_identifier, NID_authority_key_identifier,
                                   NID_info_access, NID_certificate_policies,
                                   NID_crl_distribution_points});
    CHECK(profile::subject_key_id_of(cross.get()) == profile::subject_key_id_of(ye.get()));
    CHECK(test::ids(lint::lint_cross_certificate(cross.get(), br, pki::root().cert.get(), ye.get()))
              .empty());
  }

  TEST_CASE("the request check: the existing certificate is needed, a CA, and the request agrees") {
    auto amazon = test::realworld_cert("amazon-root-ca-1.pem");
    auto r = cross_request(nullptr);
    auto v = profile::check_request(cross_ca(), r);
    REQUIRE(!v.empty());
    CHECK(v[0].field == "existing-certificate");
    CHECK(v[0].id == "e_cross_existing_missing");
    CHECK(v[0].message ==
          "the cross-ca profile needs the existing certificate whose subject and key it certifies");
    CHECK_THROWS_WITH_AS(profile::certificate_template(cross_ca(), r, x509::random_serial()),
                         "the cross-ca profile needs the existing certificate whose subject and "
                         "key it certifies",
                         Error);

    r = cross_request(amazon.get());
    r.subject = {{"C", "US"}, {"O", "Amazon"}, {"CN", "Amazon Root CA 2"}};
    r.public_key = pki::role_key("someone else");
    v = profile::check_request(cross_ca(), r);
    CHECK(pki::violation_ids(v) == Ids{"e_cross_subject_mismatch", "e_cross_key_mismatch"});
    CHECK(v[0].message ==
          "the subject is not the existing certificate's subject \"C = US, O = Amazon, CN = "
          "Amazon Root CA 1\"");
    CHECK(v[1].message == "the public key is not the existing certificate's key");
    r.subject = x509::read_name(X509_get_subject_name(amazon.get()));
    r.public_key = X509_get0_pubkey(amazon.get());
    CHECK(profile::check_request(cross_ca(), r).empty());

    auto responder = test::realworld_cert("isrg-root-ocsp-x1.pem");
    v = profile::check_request(cross_ca(), cross_request(responder.get()));
    CHECK(pki::violation_ids(v) == Ids{"e_cross_existing_not_ca"});
    CHECK(v[0].message ==
          "the existing certificate \"C = US, O = Internet Security Research Group, CN = ISRG Root "
          "OCSP X1\" is not a CA certificate; only CA certificates are cross-certified");

    auto sub = pki::good_request("subordinate-ca", pki::root());
    sub.existing = amazon.get();
    v = profile::check_request(pki::profile_named("subordinate-ca"), sub);
    REQUIRE(v.size() == 1);
    CHECK(v[0].field == "existing-certificate");
    CHECK(v[0].message ==
          "the subordinate-ca profile does not cross-certify an existing certificate; use a "
          "cross-certificate profile such as cross-ca");
  }

  TEST_CASE("lint_cross_certificate compares bytes with the existing certificate") {
    auto amazon = test::realworld_cert("amazon-root-ca-1.pem");
    auto other = pki::issuing_ca().cert.get();
    auto f = lint::lint_cross_certificate(other, pki::profile_named("subordinate-ca"),
                                          pki::root().cert.get(), amazon.get());
    CHECK(test::ids(f) ==
          Ids{"e_cross_subject_mismatch", "e_cross_key_mismatch", "e_cross_ski_mismatch"});
    CHECK(test::message_of(f, "e_cross_subject_mismatch") ==
          "the subject name is not byte for byte the existing certificate's");
    CHECK(test::message_of(f, "e_cross_ski_mismatch") ==
          "subjectKeyIdentifier is " + to_hex(profile::subject_key_id_of(other)) +
              "; the existing certificate's is " +
              to_hex(profile::subject_key_id_of(amazon.get())));
    CHECK(test::ids(lint::lint_cross_certificate(other, pki::profile_named("subordinate-ca"),
                                                 pki::root().cert.get(), nullptr)) ==
          Ids{"e_cross_existing_missing"});
  }

  TEST_CASE("the builder refuses a key that would not keep its exact SubjectPublicKeyInfo") {
    auto amazon = test::realworld_cert("amazon-root-ca-1.pem");
    auto t = profile::cross_certificate_template(cross_ca(), cross_request(amazon.get()),
                                                 amazon.get(), x509::random_serial());
    t.public_key = pki::role_key("someone else");
    CHECK_THROWS_WITH_AS(x509::build_certificate(t),
                         "the public key does not re-encode to the given SubjectPublicKeyInfo "
                         "bytes",
                         Error);
  }
}
