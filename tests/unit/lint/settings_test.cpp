// Script settings: a profile permits some, the check refuses the rest with the exact message, a
// missing required value is named, malformed values are refused, and certificate_template writes
// exactly what was asked over the profile's defaults.
#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"
#include "util/error.h"
#include "x509/inventory.h"

using namespace kr;
namespace pki = kr::test::pki;

namespace {

std::vector<profile::Violation> check(const std::string& name,
                                      const profile::CertificateRequest& r) {
  return profile::check_request(pki::profile_named(name), r);
}

void expect_one(const std::string& name, const profile::CertificateRequest& r,
                const std::string& field, const std::string& message, const std::string& id) {
  auto v = check(name, r);
  REQUIRE(v.size() == 1);
  CHECK(v[0].field == field);
  CHECK(v[0].message == message);
  CHECK(v[0].id == id);
}

std::vector<std::string> policies_of(const X509* cert) {
  std::vector<std::string> out;
  auto* cp = static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(cert, NID_certificate_policies, nullptr, nullptr));
  for (int i = 0; cp && i < sk_POLICYINFO_num(cp); ++i) {
    char buf[80];
    OBJ_obj2txt(buf, sizeof buf, sk_POLICYINFO_value(cp, i)->policyid, 1);
    out.push_back(buf);
  }
  CERTIFICATEPOLICIES_free(cp);
  return out;
}

}  // namespace

TEST_SUITE("lint::settings") {
  TEST_CASE("a setting the profile does not permit is refused, naming the setting") {
    auto root = test::root_request(pki::role_key("root", "P-384"));
    root.settings.path_length = 0;
    expect_one("root-ca", root, "extensions.path-length",
               "the root-ca profile does not let a script set path-length",
               "e_setting_not_permitted");
    CHECK_THROWS_WITH_AS(
        profile::certificate_template(pki::profile_named("root-ca"), root, x509::random_serial()),
        "extensions.path-length: the root-ca profile does not let a script set "
        "path-length",
        Error);

    auto ext = pki::good_request("external-subordinate-ca", pki::root());
    ext.settings.path_length = 0;
    expect_one("external-subordinate-ca", ext, "extensions.path-length",
               "the external-subordinate-ca profile does not let a script set path-length",
               "e_setting_not_permitted");

    auto tls = pki::good_request("tls-server", pki::issuing_ca());
    tls.settings.emails = {"admin@example.com"};
    expect_one("tls-server", tls, "extensions.emails",
               "the tls-server profile does not let a script set emails",
               "e_setting_not_permitted");
    auto ev = pki::good_request("tls-server-ev", pki::issuing_ca());
    ev.settings.ip_addresses = {"192.0.2.1"};
    expect_one("tls-server-ev", ev, "extensions.ip-addresses",
               "the tls-server-ev profile does not let a script set ip-addresses",
               "e_setting_not_permitted");
    auto ocsp = pki::good_request("ocsp-signing", pki::issuing_ca());
    ocsp.settings.ocsp = {"http://ocsp.example.com"};
    ocsp.settings.dns_names = {"ocsp.example.com"};
    CHECK(pki::violation_ids(check("ocsp-signing", ocsp)) ==
          std::vector<std::string>{"e_setting_not_permitted", "e_setting_not_permitted"});
    auto tsa = pki::good_request("time-stamping", pki::issuing_ca());
    tsa.permanent_identifier = "X-1";
    expect_one("time-stamping", tsa, "extensions.permanent-identifier",
               "the time-stamping profile does not let a script set permanent-identifier",
               "e_setting_not_permitted");
  }

  TEST_CASE("subordinate-ca needs its URLs and a policy, and has no defaults for them") {
    auto r = pki::good_request("subordinate-ca", pki::root());
    r.settings = {};
    auto v = check("subordinate-ca", r);
    REQUIRE(v.size() == 4);
    CHECK(v[0].field == "extensions.ca-issuers");
    CHECK(v[0].id == "e_aia_ca_issuers_missing");
    CHECK(v[0].message ==
          "the subordinate-ca profile needs at least one ca-issuers URL (authorityInfoAccess "
          "caIssuers) and gives no default");
    CHECK(v[1].field == "extensions.ocsp");
    CHECK(v[1].message ==
          "the subordinate-ca profile needs at least one ocsp URL (authorityInfoAccess OCSP) and "
          "gives no default");
    CHECK(v[2].field == "extensions.crl-distribution-points");
    CHECK(v[2].id == "e_crldp_no_uri");
    CHECK(v[3].field == "extensions.policies");
    CHECK(v[3].id == "e_policies_missing");
    CHECK(v[3].message ==
          "the subordinate-ca profile needs at least one policy OID (certificatePolicies) and "
          "gives no default");
  }

  TEST_CASE("URLs must be http(s), policies dotted OIDs, path-length within the profile's limit") {
    auto r = pki::good_request("subordinate-ca", pki::root());
    r.settings.ca_issuers = {"ftp://crt.example.com/root.cer"};
    expect_one("subordinate-ca", r, "extensions.ca-issuers",
               "ca-issuers URL \"ftp://crt.example.com/root.cer\" is not an http or https URL",
               "e_aia_uri_not_http");
    r = pki::good_request("subordinate-ca", pki::root());
    r.settings.crl_distribution_points = {"http:///root.crl"};
    expect_one("subordinate-ca", r, "extensions.crl-distribution-points",
               "crl-distribution-points URL \"http:///root.crl\" has no host name",
               "e_crldp_uri_not_http");
    r = pki::good_request("subordinate-ca", pki::root());
    r.settings.ocsp = {"https://ocsp.example.com/a b"};
    expect_one("subordinate-ca", r, "extensions.ocsp",
               "ocsp URL \"https://ocsp.example.com/a b\" is not printable ASCII without spaces",
               "e_aia_uri_not_http");
    r = pki::good_request("subordinate-ca", pki::root());
    r.settings.policies = {"2.23.140.1.2.x"};
    expect_one("subordinate-ca", r, "extensions.policies",
               "policy \"2.23.140.1.2.x\" is not a dotted OID", "e_setting_invalid");
    r.settings.policies = {"2.23"};
    CHECK(check("subordinate-ca", r).empty());
    r.settings.policies = {"7.1"};
    CHECK(pki::violation_ids(check("subordinate-ca", r)) ==
          std::vector<std::string>{"e_setting_invalid"});
    r = pki::good_request("subordinate-ca", pki::root());
    r.settings.path_length = 3;
    expect_one("subordinate-ca", r, "extensions.path-length",
               "path-length 3 is not allowed; the subordinate-ca profile allows 0 to 2",
               "e_bc_pathlen_mismatch");
    r.settings.path_length = 2;
    CHECK(check("subordinate-ca", r).empty());
  }

  TEST_CASE("certificate_template writes exactly the settings over the profile's defaults") {
    auto r = pki::good_request("subordinate-ca", pki::root());
    r.settings.path_length = 0;
    r.settings.ca_issuers = {"http://a.example.com/1.cer", "http://b.example.com/1.cer"};
    r.settings.policies = {"2.23.140.1.2.2", "1.3.187.1"};
    auto cert = pki::issue("subordinate-ca", r, pki::root());
    CHECK(X509_get_pathlen(cert.get()) == 0);
    auto entry = x509::inventory_entry(cert.get());
    CHECK(entry.ca_issuers == r.settings.ca_issuers);
    CHECK(entry.ocsp == r.settings.ocsp);
    CHECK(entry.crl_urls == r.settings.crl_distribution_points);
    CHECK(policies_of(cert.get()) == r.settings.policies);

    // tls-server: 1.3.187.1 is required and stays first; the script's list replaces the default
    // reserved policy (organisation validated instead of domain validated).
    auto tls = pki::good_request("tls-server", pki::issuing_ca());
    auto dv = pki::issue("tls-server", tls, pki::issuing_ca());
    CHECK(policies_of(dv.get()) == std::vector<std::string>{"1.3.187.1", "2.23.140.1.2.1"});
    tls.settings.policies = {"2.23.140.1.2.2"};
    CHECK(check("tls-server", tls).empty());
    auto ov = pki::issue("tls-server", tls, pki::issuing_ca());
    CHECK(policies_of(ov.get()) == std::vector<std::string>{"1.3.187.1", "2.23.140.1.2.2"});
    CHECK(test::ids(lint::lint_certificate(ov.get(), pki::profile_named("tls-server"),
                                           pki::issuing_ca().cert.get()))
              .empty());
  }

  TEST_CASE("tls-server: exactly one CA/B Forum reserved policy") {
    auto r = pki::good_request("tls-server", pki::issuing_ca());
    r.settings.policies = {"2.23.140.1.2.1", "2.23.140.1.2.2"};
    expect_one("tls-server", r, "extensions.policies",
               "certificatePolicies has 2.23.140.1.2.1 and 2.23.140.1.2.2; the tls-server profile "
               "requires exactly one of 2.23.140.1.2.1, 2.23.140.1.2.2 or 2.23.140.1.2.3",
               "e_policies_one_of");
    r.settings.policies = {"1.2.3.4"};
    expect_one("tls-server", r, "extensions.policies",
               "certificatePolicies has none of 2.23.140.1.2.1, 2.23.140.1.2.2 or "
               "2.23.140.1.2.3; the tls-server profile requires exactly one",
               "e_policies_one_of");
    auto ev = pki::good_request("tls-server-ev", pki::issuing_ca());
    ev.settings.policies = {"2.23.140.1.2.1"};
    expect_one("tls-server-ev", ev, "extensions.policies",
               "certificatePolicies has 2.23.140.1.1 and 2.23.140.1.2.1; the tls-server-ev profile "
               "requires exactly one of 2.23.140.1.1, 2.23.140.1.2.1, 2.23.140.1.2.2 or "
               "2.23.140.1.2.3",
               "e_policies_one_of");
  }

  TEST_CASE("subjectAltName: at least one name, valid names, CN among them, no EV wildcards") {
    auto r = pki::good_request("tls-server", pki::issuing_ca());
    r.settings.dns_names.clear();
    r.settings.ip_addresses.clear();
    r.subject = {{"C", "US"}, {"O", "Example"}};
    expect_one("tls-server", r, "extensions.dns-names",
               "subjectAltName has 0 names; the tls-server profile requires at least 1 (dns-names "
               "or ip-addresses)",
               "e_san_too_few_names");
    r = pki::good_request("tls-server", pki::issuing_ca());
    r.settings.dns_names = {"example.com", "bad_name.example.com", "*.example.com", "localhost"};
    auto v = check("tls-server", r);
    REQUIRE(v.size() == 3);
    CHECK(v[0].message ==
          "dNSName \"bad_name.example.com\" is not a DNS name (labels of letters, digits and "
          "'-', separated by dots)");
    CHECK(v[0].id == "e_san_dns_invalid");
    CHECK(v[1].message == "dNSName \"localhost\" is not a fully qualified domain name");
    CHECK(v[2].id == "e_cn_not_in_san");
    CHECK(v[2].field == "subject.CN");
    CHECK(v[2].message ==
          "CN \"www.example.com\" is not one of the subjectAltName dNSNames or iPAddresses; the "
          "tls-server profile requires it to be (CPS Appendix B)");
    r = pki::good_request("tls-server", pki::issuing_ca());
    r.settings.ip_addresses = {"192.0.2.300"};
    expect_one("tls-server", r, "extensions.ip-addresses",
               "iPAddress \"192.0.2.300\" is not an IPv4 or IPv6 address", "e_san_ip_invalid");
    r = pki::good_request("tls-server", pki::issuing_ca());
    r.subject = {{"CN", "WWW.Example.COM"}};  // DNS names compare without case
    CHECK(check("tls-server", r).empty());

    auto ev = pki::good_request("tls-server-ev", pki::issuing_ca());
    ev.settings.dns_names = {"www.example.com", "*.example.com"};
    expect_one("tls-server-ev", ev, "extensions.dns-names",
               "dNSName \"*.example.com\" is a wildcard; the tls-server-ev profile allows none "
               "(CPS Appendix B)",
               "e_san_dns_wildcard");
    auto wildcard = pki::good_request("tls-server", pki::issuing_ca());
    wildcard.settings.dns_names = {"www.example.com", "*.example.com"};
    CHECK(check("tls-server", wildcard).empty());
  }

  TEST_CASE("code signing needs a permanentIdentifier; client subjectAltName is optional") {
    auto cs = pki::good_request("code-signing", pki::issuing_ca());
    cs.permanent_identifier.clear();
    auto v = check("code-signing", cs);
    REQUIRE(v.size() == 2);
    CHECK(v[0].id == "e_san_too_few_names");
    CHECK(v[1].id == "e_san_permanent_id_missing");
    CHECK(v[1].field == "extensions.permanent-identifier");
    CHECK(v[1].message ==
          "subjectAltName has no permanentIdentifier; the code-signing profile requires one (CPS "
          "Appendix B)");

    auto client = pki::good_request("client", pki::issuing_ca());
    client.settings.emails = {"alice@@example.com"};
    expect_one("client", client, "extensions.emails",
               "rfc822Name \"alice@@example.com\" is not an email address (local-part@domain)",
               "e_san_email_invalid");
    client.settings.emails.clear();
    CHECK(check("client", client).empty());
    auto cert = pki::issue("client", client, pki::issuing_ca());
    CHECK(X509_get_ext_by_NID(cert.get(), NID_subject_alt_name, -1) < 0);
    CHECK(test::ids(lint::lint_certificate(cert.get(), pki::profile_named("client"),
                                           pki::issuing_ca().cert.get()))
              .empty());
  }

  TEST_CASE("EV profiles require the EV Guidelines 9.2 subject attributes") {
    for (const char* name : {"tls-server-ev", "code-signing-ev"}) {
      CAPTURE(name);
      auto ev = pki::good_request(name, pki::issuing_ca());
      CHECK(check(name, ev).empty());
      auto cert = pki::issue(name, ev, pki::issuing_ca());
      CHECK(test::ids(lint::lint_certificate(cert.get(), pki::profile_named(name),
                                             pki::issuing_ca().cert.get()))
                .empty());
      ev.subject.erase(std::remove_if(ev.subject.begin(), ev.subject.end(),
                                      [](const auto& a) { return a.first == "businessCategory"; }),
                       ev.subject.end());
      auto v = check(name, ev);
      REQUIRE(v.size() == 1);
      CHECK(v[0].id == "e_subject_missing_attr");
      CHECK(v[0].message ==
            std::string("subject has no businessCategory (businessCategory); the ") + name +
                " profile requires C, O" + (std::string(name) == "code-signing-ev" ? ", CN" : "") +
                ", businessCategory, jurisdictionC and serialNumber");
    }
    // The standard profiles do not take them.
    auto plain = pki::good_request("tls-server", pki::issuing_ca());
    plain.subject.push_back({"businessCategory", "Private Organization"});
    auto v = check("tls-server", plain);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_subject_attr_not_allowed");
  }

  TEST_CASE("an empty subject is refused where no attribute is required") {
    auto r = pki::good_request("ocsp-signing", pki::issuing_ca());
    r.subject = {};
    expect_one("ocsp-signing", r, "subject",
               "subject is empty; the ocsp-signing profile requires at least one attribute",
               "e_subject_empty");
  }
}
