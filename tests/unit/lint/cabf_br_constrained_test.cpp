// Technically constrained subordinate CAs under the BR set: nameConstraints written from a
// script's subtrees (cabf-br/constrained-tls-subordinate-ca, BRs 7.1.2.5; optional in
// cabf-br/non-tls-subordinate-ca, 7.1.2.3), the 7.1.2.5.2 rules with exact ids and messages in
// the request check and the lint, and OpenSSL enforcing what was written on a leaf below.
#include <doctest/doctest.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "profile/certificate_template.h"
#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"
#include "x509/builder.h"
#include "x509/extensions.h"
#include "x509/ip_range.h"
#include "x509/serial.h"

using namespace kr;
namespace pki = kr::test::pki;

namespace {

using Ids = std::vector<std::string>;

const profile::Profile& constrained() {
  return pki::profile_named("cabf-br/constrained-tls-subordinate-ca");
}

profile::CertificateRequest constrained_request() {
  auto r = pki::good_request("tls-subordinate-ca", pki::root(), pki::role_key("tcsc"));
  r.settings.ocsp = {};
  r.settings.path_length = 0;
  r.settings.extended_key_usage = {"serverAuth"};
  r.settings.permitted_subtrees.dns_names = {"example.com"};
  r.settings.permitted_subtrees.ip_ranges = {"192.0.2.0/24"};
  r.settings.permitted_subtrees.directory_names = {{{"C", "US"}, {"O", "Example"}}};
  r.settings.excluded_subtrees.ip_ranges = {"::/0"};
  return r;
}

ossl::X509Ptr build(const profile::Profile& p, const profile::CertificateRequest& r) {
  auto cert = x509::build_certificate(profile::certificate_template(p, r, x509::random_serial()));
  test::sign(cert.get(), pki::root().key, profile::effective_signature_algorithm(p, r));
  return test::reparse(cert.get());
}

using NameConstraintsPtr = std::unique_ptr<NAME_CONSTRAINTS, ossl::Deleter<NAME_CONSTRAINTS_free>>;

NameConstraintsPtr name_constraints_of(const X509* cert, int* critical) {
  return NameConstraintsPtr(static_cast<NAME_CONSTRAINTS*>(
      X509_get_ext_d2i(cert, NID_name_constraints, critical, nullptr)));
}

// "dNSName example.com", "iPAddress 192.0.2.0/24", "directoryName C = US, O = Example".
Ids subtrees(const STACK_OF(GENERAL_SUBTREE) * trees) {
  Ids out;
  for (int i = 0; i < sk_GENERAL_SUBTREE_num(trees); ++i) {
    const GENERAL_SUBTREE* t = sk_GENERAL_SUBTREE_value(trees, i);
    CHECK(t->minimum == nullptr);
    CHECK(t->maximum == nullptr);
    const GENERAL_NAME* n = t->base;
    if (n->type == GEN_DNS)
      out.push_back("dNSName " +
                    std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(n->d.dNSName)),
                                ASN1_STRING_length(n->d.dNSName)));
    else if (n->type == GEN_IPADD)
      out.push_back("iPAddress " +
                    x509::ip_range_text(ByteView(ASN1_STRING_get0_data(n->d.iPAddress),
                                                 ASN1_STRING_length(n->d.iPAddress))));
    else if (n->type == GEN_DIRNAME)
      out.push_back("directoryName " + x509::name_text(n->d.directoryName));
    else
      out.push_back("type " + std::to_string(n->type));
  }
  return out;
}

// X509_verify_cert's error for `leaf` under the constrained CA and the test root.
int verify(const X509* leaf, const X509* ca) {
  ossl::X509StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), const_cast<X509*>(pki::root().cert.get()));
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  sk_X509_push(untrusted, const_cast<X509*>(ca));
  ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), const_cast<X509*>(leaf), untrusted);
  X509_STORE_CTX_set_time(ctx.get(), 0,
                          pki::utc("2026-01-01T00:00:00Z").time_since_epoch().count());
  X509_verify_cert(ctx.get());
  int error = X509_STORE_CTX_get_error(ctx.get());
  sk_X509_free(untrusted);
  return error;
}

}  // namespace

TEST_SUITE("lint::cabf-br technically constrained subordinates") {
  TEST_CASE("nameConstraints from the script: critical, last, subtrees in order, lint clean") {
    auto r = constrained_request();
    CHECK(pki::violation_ids(profile::check_request(constrained(), r)).empty());
    auto ca = build(constrained(), r);
    std::vector<int> nids;
    for (int i = 0; i < X509_get_ext_count(ca.get()); ++i)
      nids.push_back(OBJ_obj2nid(X509_EXTENSION_get_object(X509_get_ext(ca.get(), i))));
    CHECK(nids == std::vector<int>{NID_key_usage, NID_ext_key_usage, NID_basic_constraints,
                                   NID_subject_key_identifier, NID_authority_key_identifier,
                                   NID_info_access, NID_certificate_policies,
                                   NID_crl_distribution_points, NID_name_constraints});
    int critical = -1;
    auto nc = name_constraints_of(ca.get(), &critical);
    REQUIRE(nc);
    CHECK(critical == 1);
    CHECK(subtrees(nc->permittedSubtrees) == Ids{"dNSName example.com", "iPAddress 192.0.2.0/24",
                                                 "directoryName C = US, O = Example"});
    CHECK(subtrees(nc->excludedSubtrees) == Ids{"iPAddress ::/0"});
    CHECK(
        test::ids(lint::lint_certificate(ca.get(), constrained(), pki::root().cert.get())).empty());
  }

  TEST_CASE("OpenSSL enforces the written constraints on a leaf below") {
    auto ca_request = constrained_request();
    auto ca = build(constrained(), ca_request);
    pki::Ca issuer{test::reparse(ca.get()), pki::role_key("tcsc")};
    auto inside = pki::good_request("tls-server", issuer);
    inside.settings.ip_addresses = {"192.0.2.10"};
    auto leaf = pki::issue("tls-server", inside, issuer);
    CHECK(verify(leaf.get(), ca.get()) == X509_V_OK);
    auto other_domain = inside;
    other_domain.settings.dns_names = {"www.example.org"};
    other_domain.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "www.example.org"}};
    CHECK(verify(pki::issue("tls-server", other_domain, issuer).get(), ca.get()) ==
          X509_V_ERR_PERMITTED_VIOLATION);
    // iPAddress is one name type to RFC 5280 and OpenSSL: an IPv6 address is outside the permitted
    // IPv4 range before ::/0 excludes it (the BRs' ::/0 matters to clients that read IPv6
    // subtrees on their own).
    auto ipv6 = inside;
    ipv6.settings.ip_addresses = {"2001:db8::10"};
    CHECK(verify(pki::issue("tls-server", ipv6, issuer).get(), ca.get()) ==
          X509_V_ERR_PERMITTED_VIOLATION);
    // With no IPv4 range permitted, the exclusion of 0.0.0.0/0 is what refuses an IPv4 address.
    auto no_ip = ca_request;
    no_ip.settings.permitted_subtrees.ip_ranges = {};
    no_ip.settings.excluded_subtrees.ip_ranges = {"0.0.0.0/0", "::/0"};
    auto ca2 = build(constrained(), no_ip);
    pki::Ca issuer2{test::reparse(ca2.get()), pki::role_key("tcsc")};
    auto under_ca2 = inside;
    under_ca2.issuer = issuer2.cert.get();
    CHECK(verify(pki::issue("tls-server", under_ca2, issuer2).get(), ca2.get()) ==
          X509_V_ERR_EXCLUDED_VIOLATION);
    auto other_org = inside;
    other_org.subject = {{"C", "US"}, {"O", "Other"}, {"CN", "www.example.com"}};
    CHECK(verify(pki::issue("tls-server", other_org, issuer).get(), ca.get()) ==
          X509_V_ERR_PERMITTED_VIOLATION);
  }

  TEST_CASE("the request check: 7.1.2.5.2's rules, with the field and the message") {
    auto r = constrained_request();
    r.settings.permitted_subtrees.directory_names = {};
    r.settings.permitted_subtrees.dns_names = {};
    r.settings.excluded_subtrees.ip_ranges = {};
    auto v = profile::check_request(constrained(), r);
    CHECK(pki::violation_ids(v) == Ids{"e_nc_directory_name_missing", "e_nc_dns_not_constrained",
                                       "e_nc_ipv6_not_constrained"});
    REQUIRE(v.size() == 3);
    CHECK(v[0].field == "extensions.name-constraints");
    CHECK(v[0].message ==
          "nameConstraints permits no directoryName subtree; the "
          "cabf-br/constrained-tls-subordinate-ca profile requires it (BRs 7.1.2.5.2)");
    CHECK(v[1].message ==
          "nameConstraints neither permits a dNSName subtree nor excludes every dNSName (a "
          "zero-length dNSName); the cabf-br/constrained-tls-subordinate-ca profile requires it "
          "(BRs 7.1.2.5.2)");
    CHECK(v[2].message ==
          "nameConstraints neither permits an IPv6 range nor excludes ::/0; the "
          "cabf-br/constrained-tls-subordinate-ca profile requires it (BRs 7.1.2.5.2)");

    // Whole namespaces excluded instead: a zero-length dNSName, 0.0.0.0/0 and ::/0.
    r.settings.permitted_subtrees = {};
    r.settings.permitted_subtrees.directory_names = {{{"C", "US"}, {"O", "Example"}}};
    r.settings.excluded_subtrees.dns_names = {""};
    r.settings.excluded_subtrees.ip_ranges = {"0.0.0.0/0", "::/0"};
    CHECK(profile::check_request(constrained(), r).empty());
    auto ca = build(constrained(), r);
    auto nc = name_constraints_of(ca.get(), nullptr);
    REQUIRE(nc);
    CHECK(subtrees(nc->excludedSubtrees) ==
          Ids{"dNSName ", "iPAddress 0.0.0.0/0", "iPAddress ::/0"});
    CHECK(
        test::ids(lint::lint_certificate(ca.get(), constrained(), pki::root().cert.get())).empty());
  }

  TEST_CASE("subtrees that do not say what they mean are refused, never rewritten") {
    auto r = constrained_request();
    r.settings.permitted_subtrees.ip_ranges = {"192.0.2.1/24", "10.0.0.0/33"};
    r.settings.permitted_subtrees.dns_names = {"*.example.com", ""};
    auto v = profile::check_request(constrained(), r);
    Ids messages;
    for (const auto& x : v)
      if (x.id == "e_setting_invalid") messages.push_back(x.message);
    CHECK(messages ==
          Ids{"permitted dns-names \"*.example.com\" has a wildcard; a subtree is a domain and all "
              "below it",
              "permitted dns-names \"\" is empty (\"\" excludes every name, so only in excluded)",
              "permitted ip-addresses \"192.0.2.1/24\" has address bits set beyond the /24",
              "permitted ip-addresses \"10.0.0.0/33\" has no prefix length from 0 to 32 after the "
              "'/'"});
  }

  TEST_CASE("without subtrees: required by the constrained profile, left out where optional") {
    auto r = constrained_request();
    r.settings.permitted_subtrees = {};
    r.settings.excluded_subtrees = {};
    auto v = profile::check_request(constrained(), r);
    REQUIRE(pki::violation_ids(v) == Ids{"e_nc_missing"});
    CHECK(v[0].message ==
          "the cabf-br/constrained-tls-subordinate-ca profile needs at least one name-constraints "
          "subtree (nameConstraints) and gives no default");
    // The lint of a TLS subordinate without them under the constrained profile.
    auto plain = build(pki::profile_named("cabf-br/tls-subordinate-ca"), r);
    CHECK(test::ids(lint::lint_certificate(plain.get(), constrained(), pki::root().cert.get())) ==
          Ids{"e_nc_missing"});

    const auto& non_tls = pki::profile_named("cabf-br/non-tls-subordinate-ca");
    r.settings.extended_key_usage = {"clientAuth"};
    CHECK(profile::check_request(non_tls, r).empty());
    CHECK(X509_get_ext_by_NID(build(non_tls, r).get(), NID_name_constraints, -1) < 0);
    // 7.1.2.3 lets a non-TLS subordinate carry them too; the TLS rules do not apply there.
    r.settings.permitted_subtrees.dns_names = {"example.com"};
    CHECK(profile::check_request(non_tls, r).empty());
    auto with = build(non_tls, r);
    CHECK(X509_get_ext_by_NID(with.get(), NID_name_constraints, -1) >= 0);
    CHECK(test::ids(lint::lint_certificate(with.get(), non_tls, pki::root().cert.get())).empty());
    // The TLS subordinate profile has no nameConstraints for a script to set.
    r.settings.extended_key_usage = {"serverAuth"};
    auto refused = profile::check_request(pki::profile_named("cabf-br/tls-subordinate-ca"), r);
    REQUIRE(pki::violation_ids(refused) == Ids{"e_setting_not_permitted"});
    CHECK(refused[0].field == "extensions.name-constraints");
  }

  TEST_CASE("the lint reads subtrees made elsewhere: an rfc822Name, an address without a mask") {
    auto ca = build(constrained(), constrained_request());
    // The written extension, decoded, given one more subtree, and written back in its place.
    auto with_extra = [&](int type, ASN1_STRING* value) {
      auto copy = test::reparse(ca.get());
      auto nc = name_constraints_of(copy.get(), nullptr);
      GENERAL_SUBTREE* tree = GENERAL_SUBTREE_new();
      GENERAL_NAME_set0_value(tree->base, type, value);
      sk_GENERAL_SUBTREE_push(nc->excludedSubtrees, tree);
      REQUIRE(X509_add1_ext_i2d(copy.get(), NID_name_constraints, nc.get(), 1,
                                X509V3_ADD_REPLACE) == 1);
      test::sign(copy.get(), pki::root().key, "ecdsa-with-SHA384");
      return lint::lint_certificate(test::reparse(copy.get()).get(), constrained(),
                                    pki::root().cert.get());
    };
    ASN1_IA5STRING* email = ASN1_IA5STRING_new();
    ASN1_STRING_set(email, ".example.com", -1);
    auto f = with_extra(GEN_EMAIL, email);
    REQUIRE(test::ids(f) == Ids{"e_nc_name_type_not_allowed"});
    CHECK(f[0].message ==
          "nameConstraints has a rfc822Name subtree; the cabf-br/constrained-tls-subordinate-ca "
          "profile allows only dNSName, iPAddress and directoryName (BRs 7.1.2.5.2)");
    ASN1_OCTET_STRING* bare = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(bare, reinterpret_cast<const unsigned char*>("\xC0\x00\x02\x01"), 4);
    f = with_extra(GEN_IPADD, bare);
    REQUIRE(test::ids(f) == Ids{"e_extension_malformed"});
    CHECK(f[0].message ==
          "nameConstraints has an iPAddress subtree that is not an address and mask (8 or 32 "
          "octets)");
  }

  TEST_CASE("CIDR text and octets") {
    CHECK(to_hex(*x509::ip_range_octets("192.0.2.0/24")) == "c0000200ffffff00");
    CHECK(to_hex(*x509::ip_range_octets("0.0.0.0/0")) == "0000000000000000");
    CHECK(x509::ip_range_octets("2001:db8::/32")->size() == 32);
    CHECK(x509::ip_range_text(*x509::ip_range_octets("2001:db8::/32")) == "2001:db8::/32");
    CHECK(x509::ip_range_problem("192.0.2.0") ==
          "is not a range: write an address, '/', and a prefix length");
    CHECK(x509::ip_range_problem("example/8") == "does not start with an IPv4 or IPv6 address");
    CHECK(x509::ip_range_problem("10.0.0.0/08") ==
          "has no prefix length from 0 to 32 after the '/'");
    CHECK(x509::ip_range_text(Bytes{192, 0, 2, 0, 255, 0, 255, 0}).empty());  // not a prefix
  }
}
