// lint::rfc5280_crl on CRLs made with OpenSSL's CRL setters (entries kept in the order given): the
// entry order and duplicates as written, entry extensions, the CRL's own fields and extensions,
// and the issuer. Then the same defects through lint_crl and the crl profile: one finding each.
#include <doctest/doctest.h>

#include "lint/lint_crl.h"
#include "lint/rfc5280.h"
#include "profile/crl_profile.h"
#include "unit/lint/lint_support.h"

using namespace kr;
using test::Ids;

namespace {

const X509* root() {
  static ossl::X509Ptr r = test::make_cert({.cn = "Lint Test CRL Root"});
  return r.get();
}

std::vector<lint::Finding> rfc(const X509_CRL* crl, const X509* issuer = root(),
                               const std::vector<lint::Finding>& primary = {}) {
  return lint::rfc5280_crl(crl, test::crl_der(crl), issuer, primary);
}

ossl::X509CrlPtr crl_of(const std::vector<test::CrlEntry>& entries,
                        const std::function<void(X509_CRL*)>& tweak = {}) {
  return test::reparse_crl(test::make_crl(root(), entries, tweak).get());
}

void drop_crl_ext(X509_CRL* crl, int nid) {
  for (int i; (i = X509_CRL_get_ext_by_NID(crl, nid, -1)) >= 0;)
    X509_EXTENSION_free(X509_CRL_delete_ext(crl, i));
}

}  // namespace

TEST_SUITE("lint::rfc5280 CRLs") {
  TEST_CASE(
      "a clean CRL gives no findings; without an issuer, a notice says what was not checked") {
    auto crl = crl_of({{0x10}, {0x20, "20241202000000Z", 1}, {0x30}});
    CHECK(test::ids(rfc(crl.get())).empty());
    auto f = rfc(crl.get(), nullptr);
    CHECK(test::ids(f) == Ids{"n_crl_issuer_not_checked"});
  }

  TEST_CASE("entries out of serial order: a warning naming the first, counted as written") {
    auto crl = crl_of({{0x20}, {0x10}, {0x30}, {0x05}});
    auto f = rfc(crl.get());
    CHECK(test::ids(f) == Ids{"w_crl_entries_unsorted"});
    CHECK(test::finding(f, "w_crl_entries_unsorted")->severity == lint::Severity::warning);
    CHECK(test::message_of(f, "w_crl_entries_unsorted") ==
          "revokedCertificates are not in ascending serial order: entry 2 (serial 10) follows "
          "entry 1 (serial 20) (2 of 4 entries follow a larger serial; RFC 5280 does not require "
          "order, but keyrite writes CRLs sorted)");
    // A serial lookup sorts OpenSSL's in-memory list; the lint still sees the file's order.
    X509_REVOKED* found = nullptr;
    ossl::Asn1IntegerPtr serial(ASN1_INTEGER_new());
    ASN1_INTEGER_set(serial.get(), 0x30);
    CHECK(X509_CRL_get0_by_serial(crl.get(), &found, serial.get()) == 1);
    CHECK(test::ids(rfc(crl.get())) == Ids{"w_crl_entries_unsorted"});
  }

  TEST_CASE("a serial listed twice is an error naming both entries") {
    auto crl = crl_of({{0x10}, {0x20}, {0x20}, {0x30}});
    auto f = rfc(crl.get());
    CHECK(test::ids(f) == Ids{"e_crl_entry_duplicate"});
    CHECK(test::message_of(f, "e_crl_entry_duplicate") ==
          "serial 20 is listed 2 times (entries 2 and 3); a certificate is revoked once");
  }

  TEST_CASE("entry extensions: reasonCode value, criticality, removeFromCRL; entry dates") {
    auto crl = crl_of({{0x10, "20241201000000Z", 0},
                       {0x11, "20241201000000Z", 1, true},
                       {0x12, "20241201000000Z", 7},
                       {0x13, "20241201000000Z", 8}});
    auto f = rfc(crl.get());
    CHECK(test::ids(f) == Ids{"w_crl_reason_unspecified", "e_crl_entry_ext_critical",
                              "e_crl_reason_invalid", "e_crl_reason_remove_from_crl"});
    CHECK(test::message_of(f, "w_crl_reason_unspecified") ==
          "entry 1 (serial 10): reasonCode is unspecified; RFC 5280 5.3.1 says the extension "
          "SHOULD be absent instead");
    CHECK(test::message_of(f, "e_crl_entry_ext_critical") ==
          "entry 2 (serial 11): reasonCode is critical; RFC 5280 5.3.1 makes it non-critical");
    CHECK(test::message_of(f, "e_crl_reason_invalid") ==
          "entry 3 (serial 12): reasonCode 7 is not a CRLReason (RFC 5280 5.3.1)");
    CHECK(test::message_of(f, "e_crl_reason_remove_from_crl") ==
          "entry 4 (serial 13): reasonCode removeFromCRL in a CRL that is not a delta CRL; RFC "
          "5280 5.3.1 allows it only in delta CRLs");

    auto late = crl_of({{0x10}}, [](X509_CRL* c) {
      ossl::Asn1TimePtr t(ASN1_GENERALIZEDTIME_new());
      ASN1_GENERALIZEDTIME_set_string(t.get(), "20241201000000Z");
      X509_REVOKED_set_revocationDate(sk_X509_REVOKED_value(X509_CRL_get_REVOKED(c), 0), t.get());
    });
    CHECK(test::message_of(rfc(late.get()), "e_crl_entry_time_encoding") ==
          "entry 1 (serial 10): revocationDate: GeneralizedTime used for a date before 2050 (RFC "
          "5280 5.1.2.6)");
  }

  TEST_CASE("many bad entries: ten findings and a count") {
    std::vector<test::CrlEntry> entries;
    for (long i = 1; i <= 25; ++i) entries.push_back({i, "20241201000000Z", 0});
    auto f = rfc(crl_of(entries).get());
    CHECK(f.size() == 11);
    CHECK(f.back().message ==
          "15 more w_crl_reason_unspecified findings like the ones above are not shown");
  }

  TEST_CASE("the CRL's fields and extensions (RFC 5280 5.1, 5.2)") {
    auto v1 = crl_of({}, [](X509_CRL* c) { X509_CRL_set_version(c, X509_CRL_VERSION_1); });
    CHECK(test::message_of(rfc(v1.get()), "e_crl_version_not_v2") ==
          "the CRL is v1; RFC 5280 5.1.2.1 requires v2 for CRLs with extensions, and a conforming "
          "CRL has the crlNumber extension");

    auto bare = crl_of({}, [](X509_CRL* c) {
      drop_crl_ext(c, NID_authority_key_identifier);
      drop_crl_ext(c, NID_crl_number);
    });
    CHECK(test::ids(rfc(bare.get())) == Ids{"e_crl_aki_missing", "e_crl_number_missing"});

    auto backwards = crl_of({}, [](X509_CRL* c) {
      ossl::Asn1TimePtr t(ASN1_TIME_new());
      ASN1_TIME_set_string_X509(t.get(), "20241201000000Z");
      X509_CRL_set1_nextUpdate(c, t.get());
    });
    CHECK(test::message_of(rfc(backwards.get()), "e_crl_next_update_not_after_this_update") ==
          "nextUpdate 2024-12-01T00:00:00Z is not after thisUpdate 2025-01-01T00:00:00Z");

    auto numbers = crl_of({}, [](X509_CRL* c) {
      drop_crl_ext(c, NID_crl_number);
      ossl::Asn1IntegerPtr n(ASN1_INTEGER_new());
      ASN1_INTEGER_set(n.get(), -3);
      X509_CRL_add1_ext_i2d(c, NID_crl_number, n.get(), 1, 0);
      std::unique_ptr<ASN1_INTEGER, ossl::Deleter<ASN1_INTEGER_free>> delta(ASN1_INTEGER_new());
      ASN1_INTEGER_set(delta.get(), 2);
      X509_CRL_add1_ext_i2d(c, NID_delta_crl, delta.get(), 0, 0);
    });
    auto f = rfc(numbers.get());
    CHECK(test::ids(f) == Ids{"e_crl_extension_critical", "e_crl_number_negative",
                              "e_crl_delta_indicator_not_critical"});
    CHECK(test::message_of(f, "e_crl_number_negative") ==
          "crlNumber -03 is negative; RFC 5280 5.2.3 requires 0 or more");
  }

  TEST_CASE("the issuer: name, cRLSign, key identifier, signature") {
    auto crl = crl_of({{0x10}});
    test::LintCertSpec other;
    other.cn = "Someone Else";
    other.key = test::other_key();
    auto stranger = test::make_cert(other);
    auto f = rfc(crl.get(), stranger.get());
    CHECK(test::ids(f) ==
          Ids{"e_crl_issuer_mismatch", "e_crl_aki_mismatch", "e_signature_invalid"});
    CHECK(test::message_of(f, "e_crl_issuer_mismatch") ==
          "issuer \"C = US, O = keyrite tests, CN = Lint Test CRL Root\" does not match the "
          "issuing CA's subject \"C = US, O = keyrite tests, CN = Someone Else\"");

    auto no_crl_sign = test::make_cert({.cn = "Lint Test CRL Root"}, [](X509* c) {
      test::drop_ext(c, NID_key_usage);
      test::add_ext(c, NID_key_usage, "critical,keyCertSign");
    });
    CHECK(test::ids(rfc(crl.get(), no_crl_sign.get())) == Ids{"e_issuer_key_usage_no_crl_sign"});
  }

  TEST_CASE("with the crl profile's lint as primary, each defect is reported once, by it") {
    auto profile = profile::load_crl_profile(profile::default_profiles_dir(), "crl");
    auto crl = crl_of({{0x20}, {0x10}, {0x10, "20241201000000Z", 0}});
    auto primary = lint::lint_crl(crl.get(), profile, root());
    CHECK(test::has_id(primary, "e_crl_entries_unsorted"));
    CHECK(test::has_id(primary, "e_crl_entry_duplicate"));
    CHECK(test::has_id(primary, "e_crl_reason_unspecified"));
    auto extra = rfc(crl.get(), root(), primary);
    CHECK(test::ids(extra).empty());
  }
}
