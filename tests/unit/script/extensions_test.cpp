// The extensions mapping of issue and cross-sign: syntax only, each value at its own position.
#include "ca_fixture.h"

namespace kr::script::test {
namespace {

const std::string kPrefix = "steps[2].issue.extensions.";

}  // namespace

TEST_SUITE("script::parser extensions") {
  TEST_CASE("path-length is a number of CA certificates, 0 or more") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("path-length: 0", "path-length: -1")) ==
          ca.at(23, 22, kPrefix + "path-length",
                "must be 0 or more; leave path-length out for no limit"));
    CHECK(ca.error(ca_with("path-length: 0", "path-length: 99999999999")) ==
          ca.at(23, 22, kPrefix + "path-length",
                "is too large; a path length counts CA certificates below this one"));
    CHECK(ca.error(ca_with("path-length: 0", "path-length: none")) ==
          ca.at(23, 22, kPrefix + "path-length", "expected a decimal integer, found \"none\""));
  }

  TEST_CASE("URLs are http or https") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("ca-issuers: [http://crt.example.com/root-ca-1.crt]",
                           "ca-issuers: [\"ldap://ldap.example.com/cn=Root\"]")) ==
          ca.at(24, 22, kPrefix + "ca-issuers[0]",
                "\"ldap://ldap.example.com/cn=Root\" is not an http:// or https:// URL"));
    const auto all = ca.errors(ca_with("ocsp: [http://ocsp.example.com]",
                                       "ocsp: [https://ocsp.example.com, http://, "
                                       "\"http://a b.example\", https://ocsp.example.com]"));
    REQUIRE(all.size() == 3);
    CHECK(all[0] ==
          ca.at(25, 42, kPrefix + "ocsp[1]", "\"http://\" is not an http:// or https:// URL"));
    CHECK(all[1] == ca.at(25, 51, kPrefix + "ocsp[2]",
                          "\"http://a b.example\" is not an http:// or https:// URL"));
    CHECK(all[2] ==
          ca.at(25, 73, kPrefix + "ocsp[3]", "\"https://ocsp.example.com\" is listed twice"));
  }

  TEST_CASE("an empty list is left out instead") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("crl-distribution-points: [http://crl.example.com/root-ca-1.crl]",
                           "crl-distribution-points: []")) ==
          ca.at(26, 34, kPrefix + "crl-distribution-points",
                "is an empty list; leave it out instead"));
  }

  TEST_CASE("policies are dotted OIDs") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("policies: [2.23.140.1.2.1, 1.3.6.1.4.1.99999.1]",
                           "policies: [2.23.140.1.2.1, anyPolicy]")) ==
          ca.at(27, 36, kPrefix + "policies[1]",
                "\"anyPolicy\" is a name; write anyPolicy as its OID, 2.5.29.32.0"));
    for (const char* oid : {"2", "3.1", "1.40", "2.023.140", "2..23", "2.23.", "OID.2.23"}) {
      CAPTURE(oid);
      CHECK(ca.error(ca_with("policies: [2.23.140.1.2.1, 1.3.6.1.4.1.99999.1]",
                             std::string("policies: [\"") + oid + "\"]")) ==
            ca.at(27, 20, kPrefix + "policies[0]",
                  std::string("\"") + oid + "\" is not a dotted OID (for example 2.23.140.1.2.1)"));
    }
    const Script s = ca.parse(ca_with("policies: [2.23.140.1.2.1, 1.3.6.1.4.1.99999.1]",
                                      "policies: [2.5.29.32.0, 0.39, 2.999]"));
    CHECK(std::get<Issue>(s.steps[2].body).extensions.policies ==
          std::vector<std::string>{"2.5.29.32.0", "0.39", "2.999"});
  }

  TEST_CASE("DNS names, IP addresses and emails") {
    CaCeremony ca;
    const std::string names = "steps[3].issue.extensions.";
    const auto dns = ca.errors(ca_with("dns-names: [ca2.example.com, \"*.example.net\"]",
                                       "dns-names: [-ca.example.com, under_score.example, "
                                       "\"https://ca.example\", a..example]"));
    REQUIRE(dns.size() == 4);
    const std::string rule =
        " is not a DNS name (labels of letters, digits and '-', optionally after \"*.\")";
    CHECK(dns[0] == ca.at(37, 21, names + "dns-names[0]", "\"-ca.example.com\"" + rule));
    CHECK(dns[1] == ca.at(37, 38, names + "dns-names[1]", "\"under_score.example\"" + rule));
    CHECK(dns[2] == ca.at(37, 59, names + "dns-names[2]", "\"https://ca.example\"" + rule));
    CHECK(dns[3] == ca.at(37, 81, names + "dns-names[3]", "\"a..example\"" + rule));

    const auto ip =
        ca.errors(ca_with("ip-addresses: [192.0.2.1, \"2001:db8::1\"]",
                          "ip-addresses: [192.0.2.256, \"10.0.0.0/8\", \"2001:db8:::1\"]"));
    REQUIRE(ip.size() == 3);
    CHECK(ip[0] == ca.at(38, 24, names + "ip-addresses[0]",
                         "\"192.0.2.256\" is not an IPv4 or IPv6 address"));
    CHECK(ip[1] == ca.at(38, 37, names + "ip-addresses[1]",
                         "\"10.0.0.0/8\" is not an IPv4 or IPv6 address"));
    CHECK(ip[2] == ca.at(38, 51, names + "ip-addresses[2]",
                         "\"2001:db8:::1\" is not an IPv4 or IPv6 address"));

    const auto mail = ca.errors(ca_with("emails: [pki@example.com]",
                                        "emails: [pki.example.com, \"a@b@example.com\", "
                                        "\"@example.com\", \"pki@\"]"));
    const std::string mail_rule = " is not an email address (one '@' between a name and a domain)";
    REQUIRE(mail.size() == 4);
    CHECK(mail[0] == ca.at(39, 18, names + "emails[0]", "\"pki.example.com\"" + mail_rule));
    CHECK(mail[1] == ca.at(39, 35, names + "emails[1]", "\"a@b@example.com\"" + mail_rule));
    CHECK(mail[2] == ca.at(39, 54, names + "emails[2]", "\"@example.com\"" + mail_rule));
    CHECK(mail[3] == ca.at(39, 70, names + "emails[3]", "\"pki@\"" + mail_rule));
  }

  TEST_CASE("an unknown extension setting") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("path-length: 0", "path_length: 0")) ==
          ca.at(23, 9, kPrefix + "path_length",
                "unknown key \"path_length\"; did you mean \"path-length\"?"));
    CHECK(ca.error(ca_with("path-length: 0", "key-usage: [keyCertSign]")) ==
          ca.at(23, 9, kPrefix + "key-usage",
                "unknown key \"key-usage\"; allowed keys: path-length, ca-issuers, ocsp, "
                "crl-distribution-points, policies, dns-names, ip-addresses, emails, "
                "permanent-identifier, extended-key-usage, policy-qualifiers, name-constraints"));
  }

  TEST_CASE("permanent-identifier is one line of printable text") {
    CaCeremony ca;
    const Script s = ca.parse(ca_with("path-length: 0", "permanent-identifier: EX-REG-12345"));
    CHECK(std::get<Issue>(s.steps[2].body).extensions.permanent_identifier == "EX-REG-12345");
    CHECK(s.steps[2].position_of("extensions.permanent-identifier").line == 23);
    CHECK(ca.error(ca_with("path-length: 0", "permanent-identifier: \"\"")) ==
          ca.at(23, 31, kPrefix + "permanent-identifier",
                "must be one line of 1 to 256 printable characters"));
    CHECK(ca.error(ca_with("path-length: 0", "permanent-identifier: \"a\\tb\"")) ==
          ca.at(23, 31, kPrefix + "permanent-identifier",
                "must be one line of 1 to 256 printable characters"));
  }

  TEST_CASE("name-constraints: permitted and excluded subtrees, each value at its position") {
    CaCeremony ca;
    const std::string nc =
        "path-length: 0\n        name-constraints:\n"
        "          permitted: {dns-names: [example.com], ip-addresses: "
        "[192.0.2.0/24], directory-names: [{C: US, O: Example}]}\n"
        "          excluded: {dns-names: [\"\"], ip-addresses: [\"::/0\"]}";
    const Script s = ca.parse(ca_with("path-length: 0", nc));
    const auto& e = std::get<Issue>(s.steps[2].body).extensions;
    CHECK(e.permitted_subtrees.dns_names == std::vector<std::string>{"example.com"});
    CHECK(e.permitted_subtrees.ip_addresses == std::vector<std::string>{"192.0.2.0/24"});
    CHECK(e.permitted_subtrees.directory_names ==
          std::vector<DistinguishedName>{{{"C", "US"}, {"O", "Example"}}});
    CHECK(e.excluded_subtrees.dns_names == std::vector<std::string>{""});
    CHECK(e.excluded_subtrees.ip_addresses == std::vector<std::string>{"::/0"});
    // A mapping's position is where its value starts: the line after "name-constraints:".
    CHECK(s.steps[2].position_of("extensions.name-constraints").line == 25);
    CHECK(s.steps[2].position_of("extensions.name-constraints.excluded.ip-addresses[0]").line ==
          26);
    CHECK(
        s.steps[2].position_of("extensions.name-constraints.permitted.directory-names[0].O").line ==
        25);

    const std::string path = kPrefix + "name-constraints.";
    CHECK(
        ca.error(ca_with("path-length: 0", "name-constraints: {permitted: {dns-names: [\"\"]}}")) ==
        ca.at(23, 52, path + "permitted.dns-names[0]",
              "\"\" (empty) excludes every DNS name, so it belongs in excluded"));
    CHECK(ca.error(ca_with("path-length: 0",
                           "name-constraints: {excluded: {ip-addresses: [192.0.2.1]}}")) ==
          ca.at(23, 54, path + "excluded.ip-addresses[0]",
                "\"192.0.2.1\" is not an IP range (an address, '/', a prefix length: "
                "192.0.2.0/24, 2001:db8::/32)"));
    CHECK(ca.error(ca_with("path-length: 0",
                           "name-constraints: {permitted: {dns-names: [\"*.example.com\"]}}")) ==
          ca.at(23, 52, path + "permitted.dns-names[0]",
                "\"*.example.com\" has a wildcard; a subtree is a domain and all below it"));
    CHECK(ca.error(ca_with("path-length: 0",
                           "name-constraints: {permitted: {directory-names: [{C: usa}]}}")) ==
          ca.at(23, 62, path + "permitted.directory-names[0].C",
                "must be two upper-case letters (an ISO 3166 country code), found \"usa\""));
    CHECK(ca.error(ca_with("path-length: 0", "name-constraints: {}")) ==
          ca.at(23, 27, kPrefix + "name-constraints", "give permitted, excluded or both"));
    const auto unknown = ca.errors(ca_with("path-length: 0", "name-constraints: {allowed: {}}"));
    REQUIRE(unknown.size() == 2);
    CHECK(unknown[0] == ca.at(23, 28, path + "allowed",
                              "unknown key \"allowed\"; allowed keys: permitted, excluded"));
    CHECK(unknown[1] ==
          ca.at(23, 27, kPrefix + "name-constraints", "give permitted, excluded or both"));
  }

  TEST_CASE("cross-sign takes extensions too") {
    CaCeremony ca;
    const Script s = ca.parse(ca_with("      output: old-root-cross.crt\n",
                                      "      extensions: {path-length: 1, ocsp: "
                                      "[http://ocsp.example.com]}\n"
                                      "      output: old-root-cross.crt\n"));
    const auto& cross = std::get<CrossSign>(s.steps[4].body);
    CHECK(cross.extensions.path_length == 1);
    CHECK(cross.extensions.ocsp == std::vector<std::string>{"http://ocsp.example.com"});
    CHECK(s.steps[4].position_of("extensions.path-length").line == 47);
  }
}

}  // namespace kr::script::test
