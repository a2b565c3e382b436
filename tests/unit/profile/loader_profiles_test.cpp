// The shipped issued-certificate profiles load and say what CPS Appendix B says; the loader's new
// sections (settings, cross-certificate, the new extension kinds) are strict, and a profile that
// could never make a complete certificate, or has no maximum validity, is refused.
#include <doctest/doctest.h>

#include "unit/profile/hierarchy_support.h"
#include "util/error.h"
#include "x509/key_purposes.h"

using namespace kr;
namespace pki = kr::test::pki;

namespace {

std::string shipped(const std::string& name) {
  std::ifstream in(profile::default_profiles_dir() / (name + ".yaml"));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The shipped profile `name` with its first `find` replaced, loaded from a temporary directory.
std::string load_error(const std::string& name, const std::string& find,
                       const std::string& replace) {
  std::string text = shipped(name);
  auto at = text.find(find);
  REQUIRE(at != std::string::npos);
  text.replace(at, find.size(), replace);
  auto dir = test::temp_dir("loader-profiles");
  test::write_text(dir / (name + ".yaml"), text);
  try {
    profile::load_profile(dir, name);
  } catch (const Error& e) {
    std::string msg = e.what();
    auto prefix = (dir / (name + ".yaml")).string();
    return msg.rfind(prefix, 0) == 0 ? msg.substr(prefix.size()) : msg;
  }
  return "no error";
}

std::vector<std::string> setting_names(const profile::Profile& p) {
  std::vector<std::string> out;
  for (const auto& s : p.settings) out.emplace_back(profile::setting_name(s.setting));
  return out;
}

std::vector<std::string> kinds(const profile::Profile& p) {
  std::vector<std::string> out;
  for (const auto& e : p.extensions) out.emplace_back(x509::extension_name(e.value));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_SUITE("profile::loader profiles") {
  TEST_CASE("every shipped certificate profile loads, with a maximum validity") {
    for (std::string name : pki::kCertificateProfiles) {
      CAPTURE(name);
      const auto& p = pki::profile_named(name);
      CHECK(p.name == name);
      const auto& m = p.max_validity;
      CHECK(m.years + m.months + m.days > 0);
      CHECK(!p.keys.empty());
      CHECK(p.issuer == (name == "root-ca" ? profile::IssuerRule::self
                                           : profile::IssuerRule::issuer_certificate));
      CHECK(p.cross_certificate == (name == "cross-ca"));
    }
  }

  TEST_CASE("subordinate-ca: Appendix B's extensions, and what a script sets") {
    const auto& p = pki::profile_named("subordinate-ca");
    CHECK(p.max_validity.years == 10);
    CHECK(kinds(p) == Strings{"basicConstraints", "keyUsage", "subjectKeyIdentifier",
                              "authorityKeyIdentifier", "authorityInfoAccess",
                              "crlDistributionPoints", "certificatePolicies"});
    CHECK(setting_names(p) ==
          Strings{"path-length", "ca-issuers", "ocsp", "crl-distribution-points", "policies"});
    CHECK(profile::find_setting(p, profile::Setting::path_length)->max_path_length == 2);
    const auto& ext = pki::profile_named("external-subordinate-ca");
    CHECK(x509::find_extension<x509::BasicConstraints>(ext.extensions)->path_len == 0);
    CHECK(profile::find_setting(ext, profile::Setting::path_length) == nullptr);
    const auto& tls_ca = pki::profile_named("tls-subordinate-ca");
    CHECK(x509::find_extension<x509::ExtendedKeyUsage>(tls_ca.extensions)->required ==
          Strings{*x509::key_purpose_oid("serverAuth")});
  }

  TEST_CASE("end-entity profiles: validity, policies, key purposes and name settings") {
    struct Expect {
      const char* name;
      int months;  // the maximum in months (years * 12 + months)
      Strings required_policies;
      Strings purposes;
      Strings settings;
    };
    const Expect expected[] = {
        {"tls-server",
         39,
         {"1.3.187.1"},
         {"serverAuth", "clientAuth"},
         {"ca-issuers", "ocsp", "crl-distribution-points", "policies", "dns-names",
          "ip-addresses"}},
        {"tls-server-ev",
         27,
         {"1.3.187.1.1", "2.23.140.1.1"},
         {"serverAuth", "clientAuth"},
         {"ca-issuers", "ocsp", "crl-distribution-points", "policies", "dns-names"}},
        {"code-signing",
         39,
         {"1.3.187.1", "2.23.140.1.4.1"},
         {"codeSigning"},
         {"ca-issuers", "ocsp", "crl-distribution-points", "policies", "permanent-identifier"}},
        {"code-signing-ev",
         39,
         {"1.3.187.1.1", "2.23.140.1.3"},
         {"codeSigning"},
         {"ca-issuers", "ocsp", "crl-distribution-points", "policies", "permanent-identifier"}},
        {"client",
         39,
         {"1.3.187.1"},
         {"clientAuth"},
         {"ca-issuers", "ocsp", "crl-distribution-points", "policies", "emails"}},
        {"ocsp-signing", 12, {"1.3.187.1"}, {"OCSPSigning"}, {"policies"}},
        {"time-stamping",
         120,
         {},
         {"timeStamping"},
         {"ca-issuers", "ocsp", "crl-distribution-points"}},
    };
    for (const auto& e : expected) {
      CAPTURE(std::string(e.name));
      const auto& p = pki::profile_named(e.name);
      CHECK(p.max_validity.years * 12 + p.max_validity.months == e.months);
      CHECK(p.max_validity.days == 0);
      const auto* cp = x509::find_extension<x509::CertificatePolicies>(p.extensions);
      CHECK((cp ? cp->required : Strings{}) == e.required_policies);
      const auto* eku = x509::find_extension<x509::ExtendedKeyUsage>(p.extensions);
      REQUIRE(eku);
      Strings names;
      for (const auto& oid : eku->purposes) names.push_back(x509::key_purpose_name(oid));
      CHECK(names == e.purposes);
      CHECK(setting_names(p) == e.settings);
      const auto* bc = x509::find_extension<x509::BasicConstraints>(p.extensions);
      REQUIRE(bc);
      CHECK_FALSE(bc->ca);
    }
    CHECK(x509::find_extension<x509::OcspNoCheck>(pki::profile_named("ocsp-signing").extensions));
    for (const auto& spec : pki::profile_named("time-stamping").extensions)
      if (std::holds_alternative<x509::ExtendedKeyUsage>(spec.value)) CHECK(spec.critical);
  }

  TEST_CASE("a profile without a maximum validity is refused") {
    CHECK(load_error("tls-server", "validity:\n  max: {months: 39}\n", "") ==
          ":5:1: missing key \"validity\"");
    CHECK(load_error("tls-server", "  max: {months: 39}\n", "  max: {}\n") ==
          ":17:8: validity.max: the period is empty; give years, months or days");
  }

  TEST_CASE("settings are strict") {
    CHECK(load_error("subordinate-ca", "  - path-length: {max: 2}", "  - path-length") ==
          ":71:5: settings[0]: path-length needs its limit: path-length: {max: N}");
    CHECK(load_error("subordinate-ca", "  - ocsp\n", "  - ocsp: {max: 1}\n") ==
          ":73:11: settings[2].ocsp: ocsp takes no options");
    CHECK(load_error("subordinate-ca", "  - ocsp\n", "  - oscp\n") ==
          ":73:5: settings[2]: unknown setting \"oscp\"; expected path-length, ca-issuers, ocsp, "
          "crl-distribution-points, policies, policy-qualifiers, extended-key-usage, dns-names, "
          "ip-addresses, emails or permanent-identifier");
    CHECK(load_error("subordinate-ca", "  - ocsp\n", "  - ocsp\n  - ocsp\n") ==
          ":74:5: settings[3]: ocsp is listed twice");
    CHECK(load_error("ocsp-signing", "  - policies\n", "  - policies\n  - emails\n") ==
          ":62:5: settings[1]: emails needs a subject-alt-name extension");
    CHECK(load_error("external-subordinate-ca", "ca: true, path-len: 0}",
                     "ca: true, path-len: 3}\nxx: 1") != "no error");
  }

  TEST_CASE("an extension that needs values must get them from a default or a setting") {
    CHECK(load_error("subordinate-ca", "  - ocsp\n", "") ==
          ":58:3: extensions: authority-info-access has no ocsp URL and the settings do not list "
          "ocsp");
    CHECK(load_error("subordinate-ca", "  - ocsp\n  - crl-distribution-points\n  - policies\n",
                     "  - ocsp\n") ==
          ":58:3: extensions: crl-distribution-points has no uris and the settings do not list "
          "crl-distribution-points");
    // With defaults in the profile, the settings may be left out.
    CHECK(load_error(
              "subordinate-ca",
              "  - crl-distribution-points: {critical: false}\n"
              "  - certificate-policies: {critical: false}",
              "  - crl-distribution-points: {critical: false, uris: [http://c.example/1.crl]}\n"
              "  - certificate-policies: {critical: false, default: [2.23.140.1.2.1]}") ==
          "no error");
    CHECK(load_error("tls-server", "  - dns-names\n  - ip-addresses\n", "") ==
          ":65:3: extensions: subject-alt-name gets its names from settings, and the settings "
          "list none of dns-names, ip-addresses, emails or permanent-identifier");
  }

  TEST_CASE("values in the new extension kinds are checked where they are written") {
    CHECK(load_error("subordinate-ca", "  - crl-distribution-points: {critical: false}",
                     "  - crl-distribution-points: {critical: false, uris: [ftp://c.example/]}") ==
          ":63:55: extensions[5].crl-distribution-points.uris[0]: \"ftp://c.example/\" is not an "
          "http or https URL");
    CHECK(load_error("tls-server", "required: [1.3.187.1]", "required: [1.3.187.x]") ==
          ":73:18: extensions[6].certificate-policies.required[0]: \"1.3.187.x\" is not a dotted "
          "OID");
    CHECK(load_error("tls-server", "purposes: [serverAuth, clientAuth]",
                     "purposes: [serverAuth, webAuth]")
              .find("extensions[2].extended-key-usage.purposes[1]: \"webAuth\" is not a key "
                    "purpose name") != std::string::npos);
    CHECK(load_error("tls-server", "required: [serverAuth]", "required: [codeSigning]") ==
          ":67:25: extensions[2].extended-key-usage.required: codeSigning is required but not in "
          "purposes");
    CHECK(load_error("tls-server", "may-also: [keyEncipherment]", "may-also: [digitalSignature]") ==
          ":65:16: extensions[0].key-usage.may-also: digitalSignature is already in bits");
    CHECK(load_error("tls-server", "{critical: false, min-names: 1}",
                     "{critical: false, min-names: 1, names: [a]}") ==
          ":76:55: extensions[7].subject-alt-name: unknown key \"names\"");
  }

  TEST_CASE("cross-certificate needs an issuer certificate") {
    CHECK(load_error("cross-ca", "issuer: issuer-certificate", "issuer: self") ==
          ":13:20: cross-certificate: a cross-certificate needs issuer: issuer-certificate");
  }
}
