// The CRL lint: keyrite's own CRLs lint clean; each id fires on a hand-made broken CRL, and only
// the ids the break explains.
#include "lint/lint_crl.h"

#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "profile/crl_profile_check.h"
#include "unit/lint/findings.h"
#include "unit/profile/crl_test_support.h"
#include "x509/extensions.h"

using namespace kr;
using test::at;

namespace {

// The shipped crl profile's lint of `crl`, issued by the test root unless told otherwise.
std::vector<lint::Finding> lint_of(const X509_CRL* crl,
                                   const X509* issuer = test::test_root().cert.get()) {
  return lint::lint_crl(crl, test::crl_profile(), issuer);
}

using Ids = std::vector<std::string>;
using ossl::Owned;

std::vector<lint::Finding> lint_broken(std::function<void(X509_CRL*)> tweak,
                                       x509::CrlTemplate t = test::crl_template()) {
  return lint_of(test::make_crl(t, std::move(tweak)).get());
}

// Appends an entry after the builder's sorted ones; reason < 0: none.
void add_entry(X509_CRL* crl, long serial, long reason = -1, bool critical = false) {
  X509_REVOKED* r = X509_REVOKED_new();
  ossl::Asn1IntegerPtr s(ASN1_INTEGER_new());
  ASN1_INTEGER_set(s.get(), serial);
  X509_REVOKED_set_serialNumber(r, s.get());
  auto date = x509::to_asn1_time(at("2025-09-01T00:00:00Z"));
  X509_REVOKED_set_revocationDate(r, date.get());
  if (reason >= 0) {
    Owned<ASN1_ENUMERATED, ASN1_ENUMERATED_free> code(ASN1_ENUMERATED_new());
    ASN1_ENUMERATED_set(code.get(), reason);
    X509_REVOKED_add1_ext_i2d(r, NID_crl_reason, code.get(), critical ? 1 : 0, X509V3_ADD_DEFAULT);
  }
  X509_CRL_add0_revoked(crl, r);
}

void replace_ext(X509_CRL* crl, int nid, void* value, bool critical) {
  REQUIRE(X509_CRL_add1_ext_i2d(crl, nid, value, critical ? 1 : 0, X509V3_ADD_REPLACE) == 1);
}

void set_crl_number(X509_CRL* crl, const char* decimal) {
  BIGNUM* bn = nullptr;
  BN_dec2bn(&bn, decimal);
  ossl::BignumPtr owned(bn);
  ossl::Asn1IntegerPtr n(BN_to_ASN1_INTEGER(bn, nullptr));
  replace_ext(crl, NID_crl_number, n.get(), false);
}

}  // namespace

TEST_SUITE("lint::lint_crl") {
  TEST_CASE("keyrite's CRLs lint clean and verify") {
    const auto& root = test::test_root();
    auto crl = test::make_crl(test::crl_template());
    CHECK(X509_CRL_verify(crl.get(), root.key) == 1);
    CHECK(test::ids(lint_of(crl.get())).empty());

    auto empty = test::crl_template();
    empty.entries.clear();
    CHECK(test::ids(lint_of(test::make_crl(empty).get())).empty());

    EVP_PKEY* rsa = test::shared_key("rsa-2048");
    auto rsa_ca = test::make_cert({.cn = "Example RSA CA", .key = rsa});
    auto pss = test::make_crl(test::crl_template(rsa_ca.get()), {}, rsa, "rsassaPss-sha384");
    CHECK(X509_CRL_verify(pss.get(), rsa) == 1);
    CHECK(test::ids(lint_of(pss.get(), rsa_ca.get())).empty());

    // Without the issuer only the notice remains, and it is not an error.
    auto f = lint_of(crl.get(), nullptr);
    CHECK(test::ids(f) == Ids{"n_crl_issuer_not_checked"});
    CHECK_FALSE(lint::has_errors(f));
  }

  TEST_CASE("entries: order, duplicates, reasons, extensions") {
    auto f = lint_broken([](X509_CRL* c) { add_entry(c, 0x01); });
    CHECK(test::ids(f) == Ids{"e_crl_entries_unsorted"});
    CHECK(test::message_of(f, "e_crl_entries_unsorted") ==
          "revoked[3] (serial 01) follows the larger revoked[2] (serial 3001); keyrite's CRL "
          "profile lists entries in ascending serial order (1 entry follows a larger serial)");

    f = lint_broken([](X509_CRL* c) { add_entry(c, 0x3001); });
    CHECK(test::ids(f) == Ids{"e_crl_entry_duplicate"});
    CHECK(test::message_of(f, "e_crl_entry_duplicate") ==
          "revoked[3] (serial 3001) is already listed at revoked[2]; a CRL lists a certificate "
          "once");
    CHECK(test::ids(lint_broken([](X509_CRL* c) { add_entry(c, 0x7F); })) ==
          Ids{"e_crl_entries_unsorted", "e_crl_entry_duplicate"});

    f = lint_broken([](X509_CRL* c) { add_entry(c, 0x4000, 6); });
    CHECK(test::ids(f) == Ids{"e_crl_reason_not_allowed"});
    CHECK(test::message_of(f, "e_crl_reason_not_allowed") ==
          "revoked[3] (serial 4000): reasonCode certificateHold is not allowed; the crl profile "
          "allows keyCompromise, cACompromise, affiliationChanged, superseded, "
          "cessationOfOperation or privilegeWithdrawn");
    f = lint_broken([](X509_CRL* c) { add_entry(c, 0x4000, 7); });
    CHECK(test::message_of(f, "e_crl_reason_not_allowed")
              .rfind("revoked[3] (serial 4000): reasonCode 7 is not an RFC 5280 CRLReason", 0) ==
          0);
    f = lint_broken([](X509_CRL* c) { add_entry(c, 0x4000, 0); });
    CHECK(test::ids(f) == Ids{"e_crl_reason_unspecified"});
    CHECK(test::message_of(f, "e_crl_reason_unspecified") ==
          "revoked[3] (serial 4000): reasonCode unspecified; RFC 5280 5.3.1 omits the reasonCode "
          "instead");

    f = lint_broken([](X509_CRL* c) { add_entry(c, 0x4000, 1, true); });
    CHECK(test::ids(f) == Ids{"e_crl_entry_ext_critical"});
    CHECK(test::message_of(f, "e_crl_entry_ext_critical") ==
          "revoked[3] (serial 4000): reasonCode is critical; keyrite's CRL entry extensions are "
          "non-critical (RFC 5280 5.3)");

    f = lint_broken([](X509_CRL* c) {
      add_entry(c, 0x4000);
      X509_REVOKED* r = sk_X509_REVOKED_value(X509_CRL_get_REVOKED(c), 3);
      Owned<ASN1_OBJECT, ASN1_OBJECT_free> oid(OBJ_txt2obj("1.2.3.4", 1));
      ossl::Asn1OctetStringPtr value(ASN1_OCTET_STRING_new());
      ASN1_OCTET_STRING_set(value.get(), reinterpret_cast<const unsigned char*>("\x05\x00"), 2);
      ossl::X509ExtensionPtr ext(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 0, value.get()));
      X509_REVOKED_add_ext(r, ext.get(), -1);
    });
    CHECK(test::ids(f) == Ids{"e_crl_entry_ext_unknown"});
    CHECK(test::message_of(f, "e_crl_entry_ext_unknown") ==
          "revoked[3] (serial 4000): entry extension 1.2.3.4 is not in keyrite's CRL profile, "
          "which has reasonCode and invalidityDate only (CPS 7.2.2)");

    f = lint_broken([](X509_CRL* c) {
      for (long s = 0x4000; s < 0x4008; ++s) add_entry(c, s, 10);  // aACompromise
    });
    CHECK(test::ids(f) == Ids(6, "e_crl_reason_not_allowed"));
    CHECK(f.back().message == "... and 3 more revoked entries with the same problem");

    f = lint_broken([](X509_CRL* c) {
      X509_REVOKED* r = sk_X509_REVOKED_value(X509_CRL_get_REVOKED(c), 0);
      Owned<ASN1_TIME, ASN1_TIME_free> t(ASN1_GENERALIZEDTIME_set(nullptr, 1750000000));
      X509_REVOKED_set_revocationDate(r, t.get());
    });
    CHECK(test::ids(f) == Ids{"e_crl_entry_time_encoding"});
    CHECK(test::message_of(f, "e_crl_entry_time_encoding") ==
          "revoked[0] (serial 05): revocationDate: GeneralizedTime used for a date before 2050 "
          "(RFC 5280 5.1.2.6)");
  }

  TEST_CASE("CRL extensions") {
    auto f = lint_broken([](X509_CRL* c) {
      X509_EXTENSION_free(X509_CRL_delete_ext(c, X509_CRL_get_ext_by_NID(c, NID_crl_number, -1)));
    });
    CHECK(test::ids(f) == Ids{"e_crl_number_missing"});
    CHECK(test::message_of(f, "e_crl_number_missing") ==
          "cRLNumber is missing; CPS 7.2.2 and RFC 5280 5.2.3 require it");

    f = lint_broken([](X509_CRL* c) { set_crl_number(c, "-5"); });
    CHECK(test::ids(f) == Ids{"e_crl_number_negative"});
    CHECK(test::message_of(f, "e_crl_number_negative") ==
          "cRLNumber -05 is negative; RFC 5280 5.2.3 allows 0 to MAX");
    CHECK(test::ids(lint_broken([](X509_CRL* c) { set_crl_number(c, "0"); })).empty());
    f = lint_broken([](X509_CRL* c) {  // 2^160: 21 content octets
      set_crl_number(c, "1461501637330902918203684832716283019655932542976");
    });
    CHECK(test::ids(f) == Ids{"e_crl_number_too_long"});
    CHECK(test::message_of(f, "e_crl_number_too_long") ==
          "cRLNumber is 21 octets; RFC 5280 5.2.3 allows at most 20");

    f = lint_broken([](X509_CRL* c) {
      ossl::Asn1IntegerPtr n(ASN1_INTEGER_new());
      ASN1_INTEGER_set(n.get(), 7);
      replace_ext(c, NID_crl_number, n.get(), true);
    });
    CHECK(test::ids(f) == Ids{"e_crl_extension_critical"});
    CHECK(test::message_of(f, "e_crl_extension_critical") ==
          "cRLNumber is critical; keyrite's CRL profile marks every CRL extension non-critical "
          "(RFC 5280 5.2.3)");

    f = lint_broken([](X509_CRL* c) {
      ossl::Asn1IntegerPtr n(ASN1_INTEGER_new());
      ASN1_INTEGER_set(n.get(), 6);
      replace_ext(c, NID_delta_crl, n.get(), false);
    });
    CHECK(test::ids(f) == Ids{"e_crl_extension_unknown"});
    CHECK(test::message_of(f, "e_crl_extension_unknown") ==
          "extension deltaCRLIndicator is not in keyrite's CRL profile, which has cRLNumber and "
          "authorityKeyIdentifier only (CPS 7.2.2)");

    f = lint_broken([](X509_CRL* c) {
      X509_EXTENSION_free(
          X509_CRL_delete_ext(c, X509_CRL_get_ext_by_NID(c, NID_authority_key_identifier, -1)));
    });
    CHECK(test::ids(f) == Ids{"e_crl_aki_missing"});

    f = lint_broken([](X509_CRL* c) {
      Owned<AUTHORITY_KEYID, AUTHORITY_KEYID_free> akid(AUTHORITY_KEYID_new());
      akid->keyid = ASN1_OCTET_STRING_new();
      ASN1_OCTET_STRING_set(akid->keyid, reinterpret_cast<const unsigned char*>("\x01\x02\x03"), 3);
      replace_ext(c, NID_authority_key_identifier, akid.get(), false);
    });
    CHECK(test::ids(f) == Ids{"e_crl_aki_mismatch"});
    CHECK(test::message_of(f, "e_crl_aki_mismatch") ==
          "authorityKeyIdentifier 010203 is not the issuer certificate's subjectKeyIdentifier " +
              to_hex(x509::key_identifier_sha1(test::test_root().cert.get())));

    f = lint_broken([](X509_CRL* c) {
      Owned<AUTHORITY_KEYID, AUTHORITY_KEYID_free> akid(AUTHORITY_KEYID_new());
      akid->serial = ASN1_INTEGER_new();
      ASN1_INTEGER_set(akid->serial, 9);
      replace_ext(c, NID_authority_key_identifier, akid.get(), false);
    });
    CHECK(test::ids(f) == Ids{"e_crl_aki_has_issuer_serial", "e_crl_aki_no_key_id"});
  }

  TEST_CASE("version, times, issuer and signature algorithm") {
    auto f = lint_broken([](X509_CRL* c) { X509_CRL_set_version(c, X509_CRL_VERSION_1); });
    CHECK(test::ids(f) == Ids{"e_crl_version_not_v2"});
    CHECK(test::message_of(f, "e_crl_version_not_v2") == "version is v1; CPS 7.2.1 requires v2");

    auto t = test::crl_template();
    t.next_update += std::chrono::seconds(1);
    f = lint_broken({}, t);
    CHECK(test::ids(f) == Ids{"e_crl_interval_exceeds_profile"});
    // The lint and the request check say the same thing.
    auto v = profile::check_crl_request(test::crl_profile(), t, "");
    REQUIRE(v.size() == 1);
    CHECK(test::message_of(f, "e_crl_interval_exceeds_profile") == v[0].message);

    t = test::crl_template();
    t.this_update = at("2024-12-01T00:00:00Z");
    t.next_update = at("2025-06-01T00:00:00Z");
    t.entries.clear();
    f = lint_broken({}, t);
    CHECK(test::ids(f) == Ids{"e_crl_outside_issuer_validity"});
    CHECK(test::message_of(f, "e_crl_outside_issuer_validity") ==
          "this-update 2024-12-01T00:00:00Z is before the issuer certificate's not-before "
          "2025-01-01T00:00:00Z");

    f = lint_broken([](X509_CRL* c) {
      Owned<ASN1_TIME, ASN1_TIME_free> gt(ASN1_GENERALIZEDTIME_set(nullptr, 1767225600));
      X509_CRL_set1_lastUpdate(c, gt.get());  // 2026-01-01 as GeneralizedTime
    });
    CHECK(test::ids(f) == Ids{"e_crl_time_encoding"});
    CHECK(test::message_of(f, "e_crl_time_encoding") ==
          "thisUpdate: GeneralizedTime used for a date before 2050 (RFC 5280 5.1.2.4)");

    f = lint_broken([](X509_CRL* c) {
      ossl::X509NamePtr name(X509_NAME_new());
      X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>("Someone Else"), -1, -1, 0);
      X509_CRL_set_issuer_name(c, name.get());
    });
    CHECK(test::ids(f) == Ids{"e_crl_issuer_mismatch"});
    CHECK(
        test::message_of(f, "e_crl_issuer_mismatch") ==
        "the CRL's issuer \"CN = Someone Else\" is not the issuer certificate's subject \"C = US, "
        "O = Example, CN = Example Root CA\"");
    f = lint_broken([](X509_CRL* c) {
      ossl::X509NamePtr name(X509_NAME_new());
      for (auto [k, v] : {std::pair{"C", "US"}, {"O", "Example"}, {"CN", "Example Root CA"}})
        X509_NAME_add_entry_by_txt(name.get(), k, V_ASN1_PRINTABLESTRING,
                                   reinterpret_cast<const unsigned char*>(v), -1, -1, 0);
      X509_CRL_set_issuer_name(c, name.get());
    });
    CHECK(test::message_of(f, "e_crl_issuer_mismatch") ==
          "the CRL's issuer \"C = US, O = Example, CN = Example Root CA\" reads like the issuer "
          "certificate's subject but is encoded differently; keyrite copies it byte for byte");

    auto sha1 = test::make_crl(test::crl_template(), {}, test::test_root().key, "ecdsa-with-SHA1");
    f = lint_of(sha1.get());
    CHECK(test::ids(f) == Ids{"e_crl_sig_alg_forbidden"});
    CHECK(test::message_of(f, "e_crl_sig_alg_forbidden") ==
          "ecdsa-with-SHA1 is forbidden: keyrite never signs with MD2, MD4, MD5 or SHA-1");
    auto rsa = test::make_crl(test::crl_template(), {}, test::shared_key("rsa-2048"));
    CHECK(test::ids(lint_of(rsa.get())) == Ids{"e_crl_sig_alg_key_mismatch"});
  }

  TEST_CASE("a CRL without nextUpdate") {
    auto built = x509::build_crl(test::crl_template());
    ossl::X509CrlPtr crl(X509_CRL_new());
    X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2);
    X509_CRL_set_issuer_name(crl.get(), X509_CRL_get_issuer(built.get()));
    X509_CRL_set1_lastUpdate(crl.get(), X509_CRL_get0_lastUpdate(built.get()));
    for (int i = 0; i < X509_CRL_get_ext_count(built.get()); ++i)
      X509_CRL_add_ext(crl.get(), X509_CRL_get_ext(built.get(), i), -1);
    auto ctx = test::signing_context(test::test_root().key, "ecdsa-with-SHA256");
    REQUIRE(X509_CRL_sign_ctx(crl.get(), ctx.get()) > 0);
    auto f = lint_of(crl.get());
    CHECK(test::ids(f) == Ids{"e_crl_next_update_missing"});
    CHECK(test::message_of(f, "e_crl_next_update_missing") ==
          "nextUpdate is missing; RFC 5280 5.1.2.5 requires conforming CRL issuers to include it");
  }

  TEST_CASE("no CRL") {
    auto f = lint::lint_crl(nullptr, test::crl_profile(), nullptr);
    CHECK(test::ids(f) == Ids{"e_crl_lint_failed"});
    CHECK(f[0].message == "there is no CRL to lint");
  }
}
