// Each lint id fires on a hand-made broken certificate, and only the ids the break explains.
#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "unit/lint/findings.h"
#include "unit/profile/der_surgery.h"
#include "unit/profile/profile_support.h"
#include "x509/extensions.h"

using namespace kr;

namespace {

using ossl::Owned;

std::vector<lint::Finding> lint_of(const X509* cert) {
  return lint::lint_certificate(cert, test::root_profile(), nullptr);
}

std::vector<lint::Finding> lint_broken(std::function<void(X509*)> tweak,
                                       const char* key = "rsa-2048") {
  return lint_of(test::make_certificate(test::root_request(test::shared_key(key)), tweak).get());
}

void set_ext(X509* x, int nid, void* value, bool critical) {
  REQUIRE(X509_add1_ext_i2d(x, nid, value, critical, X509V3_ADD_REPLACE) == 1);
}

void set_bc(X509* x, bool ca, int path_len, bool critical) {
  Owned<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free> bc(BASIC_CONSTRAINTS_new());
  bc->ca = ca ? 0xFF : 0;
  if (path_len >= 0) {
    bc->pathlen = ASN1_INTEGER_new();
    ASN1_INTEGER_set(bc->pathlen, path_len);
  }
  set_ext(x, NID_basic_constraints, bc.get(), critical);
}

void set_ku(X509* x, std::initializer_list<int> bits, bool critical) {
  Owned<ASN1_BIT_STRING, ASN1_BIT_STRING_free> ku(ASN1_BIT_STRING_new());
  for (int b : bits) ASN1_BIT_STRING_set_bit(ku.get(), b, 1);
  set_ext(x, NID_key_usage, ku.get(), critical);
}

void delete_ext(X509* x, int nid) {
  X509_EXTENSION_free(X509_delete_ext(x, X509_get_ext_by_NID(x, nid, -1)));
}

void set_serial(X509* x, long value) {
  ossl::Asn1IntegerPtr s(ASN1_INTEGER_new());
  ASN1_INTEGER_set(s.get(), value);
  X509_set_serialNumber(x, s.get());
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_SUITE("lint::broken") {
  TEST_CASE("serial numbers") {
    auto f = lint_broken([](X509* x) { set_serial(x, -5); });
    CHECK(test::ids(f) == Ids{"e_serial_not_positive", "e_serial_entropy_too_short"});
    CHECK(test::message_of(f, "e_serial_not_positive") ==
          "serial number -05 is negative; CPS Appendix B requires a positive integer");
    CHECK(test::ids(lint_broken([](X509* x) { set_serial(x, 0); })) ==
          Ids{"e_serial_not_positive", "e_serial_entropy_too_short"});
    f = lint_broken([](X509* x) { set_serial(x, 0x01020304050607); });
    CHECK(test::ids(f) == Ids{"e_serial_entropy_too_short"});
    CHECK(test::message_of(f, "e_serial_entropy_too_short") ==
          "serial number has 49 significant bits; the root-ca profile requires at least 64 random "
          "bits");
    f = lint_broken([](X509* x) {
      ossl::BignumPtr bn(BN_new());
      BN_set_bit(bn.get(), 160);  // 21 octets
      ossl::Asn1IntegerPtr s(BN_to_ASN1_INTEGER(bn.get(), nullptr));
      X509_set_serialNumber(x, s.get());
    });
    CHECK(test::ids(f) == Ids{"e_serial_too_long"});
    CHECK(test::message_of(f, "e_serial_too_long") ==
          "serial number is 21 octets; the root-ca profile allows at most 20");
  }

  TEST_CASE("version and unique ids") {
    auto f = lint_broken([](X509* x) { X509_set_version(x, X509_VERSION_1); });
    CHECK(test::ids(f) == Ids{"e_version_not_v3"});
    CHECK(test::message_of(f, "e_version_not_v3") == "version is v1; CPS Appendix B requires v3");
    auto good = test::make_certificate(test::root_request(test::shared_key("P-256")));
    auto with_uid = test::with_issuer_unique_id(good.get());
    REQUIRE(with_uid);
    f = lint_of(with_uid.get());
    CHECK(test::ids(f) == Ids{"e_unique_id_present"});
    CHECK(test::message_of(f, "e_unique_id_present") ==
          "issuerUniqueID is present; CPS Appendix B forbids it");
  }

  TEST_CASE("keyUsage") {
    auto f = lint_broken([](X509* x) { set_ku(x, {0, 5}, true); });
    CHECK(test::ids(f) == Ids{"e_ku_bits_mismatch"});
    CHECK(test::message_of(f, "e_ku_bits_mismatch") ==
          "keyUsage is digitalSignature and keyCertSign; the root-ca profile requires exactly "
          "digitalSignature, keyCertSign and cRLSign");
    f = lint_broken([](X509* x) { set_ku(x, {0, 2, 5, 6}, true); });
    CHECK(test::message_of(f, "e_ku_bits_mismatch") ==
          "keyUsage is digitalSignature, keyEncipherment, keyCertSign and cRLSign; the root-ca "
          "profile requires exactly digitalSignature, keyCertSign and cRLSign");
    CHECK(test::ids(lint_broken([](X509* x) {
            set_ku(x, {0, 5, 6}, false);
          })) == Ids{"e_ku_not_critical"});
    CHECK(test::ids(lint_broken([](X509* x) { delete_ext(x, NID_key_usage); })) ==
          Ids{"e_ku_missing"});
  }

  TEST_CASE("basicConstraints") {
    auto f = lint_broken([](X509* x) { set_bc(x, true, 0, true); });
    CHECK(test::ids(f) == Ids{"e_bc_pathlen_present"});
    CHECK(test::message_of(f, "e_bc_pathlen_present") ==
          "basicConstraints has pathLenConstraint 0; the root-ca profile requires it absent");
    f = lint_broken([](X509* x) { set_bc(x, true, -1, false); });
    CHECK(test::ids(f) == Ids{"e_bc_not_critical"});
    CHECK(test::message_of(f, "e_bc_not_critical") ==
          "basicConstraints is not critical; the root-ca profile requires it critical");
    CHECK(test::ids(lint_broken([](X509* x) { set_bc(x, false, -1, true); })) ==
          Ids{"e_bc_not_ca"});
    CHECK(test::ids(lint_broken([](X509* x) { delete_ext(x, NID_basic_constraints); })) ==
          Ids{"e_bc_missing"});
  }

  TEST_CASE("subjectKeyIdentifier") {
    auto f = lint_broken([](X509* x) { delete_ext(x, NID_subject_key_identifier); });
    CHECK(test::ids(f) == Ids{"e_ski_missing"});
    CHECK(test::message_of(f, "e_ski_missing") ==
          "subjectKeyIdentifier is missing; the root-ca profile requires it");
    std::string real_ski;
    f = lint_broken([&](X509* x) {
      // OpenSSL's X509_pubkey_digest is the same method-1 hash, computed independently of ours.
      unsigned char md[20];
      unsigned int len = 0;
      REQUIRE(X509_pubkey_digest(x, EVP_sha1(), md, &len) == 1);
      real_ski = to_hex(ByteView(md, len));
      ossl::Asn1OctetStringPtr id(ASN1_OCTET_STRING_new());
      ASN1_OCTET_STRING_set(id.get(),
                            reinterpret_cast<const unsigned char*>("0123456789abcdefghij"), 20);
      set_ext(x, NID_subject_key_identifier, id.get(), false);
    });
    CHECK(test::ids(f) == Ids{"e_ski_not_sha1_of_spki"});
    CHECK(test::message_of(f, "e_ski_not_sha1_of_spki") ==
          "subjectKeyIdentifier is 303132333435363738396162636465666768696a; the SHA-1 of the "
          "subjectPublicKey (RFC 5280 4.2.1.2 method 1) is " +
              real_ski);
    CHECK(test::ids(lint_broken([](X509* x) {
            ossl::Asn1OctetStringPtr id(ASN1_OCTET_STRING_new());
            Bytes ski = x509::key_identifier_sha1(x);
            ASN1_OCTET_STRING_set(id.get(), ski.data(), 20);
            set_ext(x, NID_subject_key_identifier, id.get(), true);
          })) == Ids{"e_ski_critical"});
  }

  TEST_CASE("extension list: duplicates, strangers, undecodable values") {
    auto f = lint_broken([](X509* x) {
      ossl::X509ExtensionPtr copy(X509_EXTENSION_dup(X509_get_ext(x, 0)));
      X509_add_ext(x, copy.get(), -1);
    });
    CHECK(test::ids(f) == Ids{"e_duplicate_extension"});
    CHECK(test::message_of(f, "e_duplicate_extension") ==
          "basicConstraints appears 2 times; RFC 5280 4.2 allows it once");
    f = lint_broken([](X509* x) {
      Owned<AUTHORITY_KEYID, AUTHORITY_KEYID_free> aki(AUTHORITY_KEYID_new());
      Bytes id = x509::key_identifier_sha1(x);
      aki->keyid = ASN1_OCTET_STRING_new();
      ASN1_OCTET_STRING_set(aki->keyid, id.data(), 20);
      REQUIRE(X509_add1_ext_i2d(x, NID_authority_key_identifier, aki.get(), 0, X509V3_ADD_APPEND) ==
              1);
    });
    CHECK(test::ids(f) == Ids{"e_extension_not_in_profile"});
    CHECK(test::message_of(f, "e_extension_not_in_profile") ==
          "authorityKeyIdentifier is not in the root-ca profile");
    f = lint_broken([](X509* x) {
      // A NULL where the OCTET STRING should be; the NULL is encoded by OpenSSL.
      unsigned char* der = nullptr;
      ASN1_NULL* null = ASN1_NULL_new();
      int len = i2d_ASN1_NULL(null, &der);
      ASN1_NULL_free(null);
      ossl::Asn1OctetStringPtr value(ASN1_OCTET_STRING_new());
      ASN1_OCTET_STRING_set(value.get(), der, len);
      OPENSSL_free(der);
      int i = X509_get_ext_by_NID(x, NID_subject_key_identifier, -1);
      X509_EXTENSION_set_data(X509_get_ext(x, i), value.get());
    });
    CHECK(test::ids(f) == Ids{"e_extension_malformed"});
    CHECK(test::message_of(f, "e_extension_malformed") == "subjectKeyIdentifier does not decode");
  }

  TEST_CASE("signature algorithms") {
    auto r = test::root_request(test::shared_key("rsa-2048"));
    r.signature_algorithm = "sha1WithRSAEncryption";
    auto f = lint_of(test::make_certificate(r).get());
    CHECK(test::ids(f) == Ids{"e_sig_alg_forbidden"});
    CHECK(test::message_of(f, "e_sig_alg_forbidden") ==
          "sha1WithRSAEncryption is forbidden: keyrite never signs with MD2, MD4, MD5 or SHA-1");

    // An EC subject key signed by an RSA key: not a self-signature at all.
    auto ec = test::root_request(test::shared_key("P-256"));
    ec.signature_algorithm = "sha256WithRSAEncryption";
    f = lint_of(test::make_certificate(ec, {}, test::shared_key("rsa-2048")).get());
    CHECK(test::ids(f) == Ids{"e_sig_alg_key_mismatch"});
    CHECK(test::message_of(f, "e_sig_alg_key_mismatch") ==
          "sha256WithRSAEncryption cannot be made with a P-256 key");

    // ECDSA with SHA-224 is not an Appendix A algorithm.
    auto cert = x509::build_certificate(
        profile::certificate_template(test::root_profile(), ec, x509::random_serial()));
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    REQUIRE(EVP_DigestSignInit_ex(ctx.get(), nullptr, "SHA224", nullptr, nullptr,
                                  test::shared_key("P-256"), nullptr) == 1);
    REQUIRE(X509_sign_ctx(cert.get(), ctx.get()) > 0);
    f = lint_of(test::reparse(cert.get()).get());
    CHECK(test::ids(f) == Ids{"e_sig_alg_not_in_profile"});
    CHECK(test::message_of(f, "e_sig_alg_not_in_profile")
              .rfind("1.2.840.10045.4.3.1 (ecdsa-with-SHA224) is not allowed; the root-ca profile "
                     "allows sha256WithRSAEncryption, ",
                     0) == 0);

    // PSS with a 20-octet salt instead of the hash length.
    auto pss = x509::build_certificate(
        profile::certificate_template(test::root_profile(), r, x509::random_serial()));
    test::sign(pss.get(), test::shared_key("rsa-2048"), "rsassaPss-sha256", 20);
    f = lint_of(test::reparse(pss.get()).get());
    CHECK(test::ids(f) == Ids{"e_sig_alg_params_invalid"});
    CHECK(test::message_of(f, "e_sig_alg_params_invalid") ==
          "rsassaPss-sha256 parameters: salt length is 20, not 32");

    // The outer signatureAlgorithm differs from the one inside the TBSCertificate.
    auto rsa = test::make_certificate(test::root_request(test::shared_key("rsa-2048")));
    auto donor = test::realworld_cert("amazon-root-ca-2.pem");  // sha384WithRSAEncryption
    auto mixed = test::with_outer_algorithm_of(rsa.get(), donor.get());
    REQUIRE(mixed);
    f = lint_of(mixed.get());
    CHECK(test::ids(f) == Ids{"e_sig_alg_mismatch"});
  }

  TEST_CASE("keys outside CPS 6.1.5") {
    auto f =
        lint_of(test::make_certificate(test::root_request(test::shared_key("rsa-1024"))).get());
    CHECK(test::ids(f) == Ids{"e_key_too_weak"});
    CHECK(
        test::message_of(f, "e_key_too_weak") ==
        "RSA 1024-bit key is too weak; the root-ca profile allows RSA 2048-bit, RSA 3072-bit, RSA "
        "4096-bit, P-256, P-384 or P-521 (CPS 6.1.5)");
    auto r = test::root_request(test::shared_key("P-224"));
    r.signature_algorithm = "ecdsa-with-SHA256";
    f = lint_of(test::make_certificate(r).get());
    CHECK(test::ids(f) == Ids{"e_key_too_weak"});
    CHECK(test::message_of(f, "e_key_too_weak").rfind("P-224 key is too weak; ", 0) == 0);
  }

  TEST_CASE("validity encoding and order") {
    auto f = lint_broken([](X509* x) {
      ossl::Asn1TimePtr t(ASN1_TIME_new());
      ASN1_TIME_set_string(t.get(), "20250526000000Z");  // GeneralizedTime before 2050
      X509_set1_notBefore(x, t.get());
    });
    CHECK(test::ids(f) == Ids{"e_validity_time_encoding"});
    CHECK(test::message_of(f, "e_validity_time_encoding") ==
          "notBefore: GeneralizedTime used for a date before 2050 (RFC 5280 4.1.2.5)");
    f = lint_broken([](X509* x) { X509_set1_notAfter(x, X509_get0_notBefore(x)); });
    CHECK(test::ids(f) == Ids{"e_validity_not_after_before_not_before"});
  }

  TEST_CASE("names") {
    auto f = lint_broken([](X509* x) {
      ossl::X509NamePtr name(X509_NAME_new());
      X509_NAME_add_entry_by_txt(name.get(), "C", MBSTRING_UTF8, (const unsigned char*)"US", -1, -1,
                                 0);
      X509_NAME_add_entry_by_txt(name.get(), "O", MBSTRING_UTF8, (const unsigned char*)"Example",
                                 -1, -1, 0);
      // set -1: joins the previous RDN, making {O, CN} one multi-valued RDN.
      X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                 (const unsigned char*)"Example Root", -1, -1, -1);
      X509_set_subject_name(x, name.get());
      X509_set_issuer_name(x, name.get());
    });
    CHECK(test::ids(f) == Ids{"e_multi_attr_rdn", "e_multi_attr_rdn"});
    CHECK(test::message_of(f, "e_multi_attr_rdn") ==
          "subject RDN 2 has 2 attributes (O and CN); CPS Appendix B allows one attribute per RDN");

    f = lint_broken([](X509* x) {
      ossl::X509NamePtr other(
          x509::build_name({{"C", "US"}, {"O", "Example"}, {"CN", "Other Root"}}));
      X509_set_issuer_name(x, other.get());
    });
    CHECK(test::ids(f) == Ids{"e_issuer_subject_mismatch"});
    CHECK(
        test::message_of(f, "e_issuer_subject_mismatch") ==
        "issuer \"C = US, O = Example, CN = Other Root\" does not match its subject \"C = US, O = "
        "Example, CN = Example Root CA 1\"");

    auto r = test::root_request(test::shared_key("P-256"));
    r.subject = {{"C", "US"}, {"CN", "ca.example.com"}};
    f = lint_of(test::make_certificate(r).get());
    CHECK(test::ids(f) == Ids{"e_subject_missing_attr", "e_cn_looks_like_domain"});

    f = lint_broken([](X509* x) {
      ossl::X509NamePtr name(X509_NAME_new());
      X509_NAME_add_entry_by_txt(name.get(), "C", MBSTRING_UTF8, (const unsigned char*)"US", -1, -1,
                                 0);
      X509_NAME_add_entry_by_txt(name.get(), "O", V_ASN1_BMPSTRING, (const unsigned char*)"\0E\0x",
                                 4, -1, 0);
      X509_NAME_add_entry_by_txt(name.get(), "CN", V_ASN1_PRINTABLESTRING,
                                 (const unsigned char*)"Root@CA", -1, -1, 0);
      X509_set_subject_name(x, name.get());
      X509_set_issuer_name(x, name.get());
    });
    CHECK(test::ids(f) == Ids{"e_subject_string_type", "e_subject_string_type"});
    CHECK(test::message_of(f, "e_subject_string_type") ==
          "O is a BMPSTRING; RFC 5280 4.1.2.4 requires PrintableString or UTF8String");
    CHECK(f.at(1).message == "CN is a PrintableString holding characters outside its alphabet");
  }
}
