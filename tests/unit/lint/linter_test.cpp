// lint::Linter end to end without a process: profile auto-selection, --profile, --issuer, bundles,
// unreadable parts, the text and JSON reports and the exit status.
#include "lint/linter.h"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "lint/lint_csr.h"
#include "lint/lint_ocsp.h"
#include "lint/report.h"
#include "lint/select_profile.h"
#include "unit/lint/lint_support.h"
#include "util/error.h"
#include "util/exit_status.h"

using namespace kr;
using test::Ids;

namespace {

std::filesystem::path root_and_crl() {
  static auto dir = test::profiles_with("root-and-crl", {"root-ca", "crl"});
  return dir;
}

lint::Linter linter(const X509* issuer = nullptr, std::string profile = "") {
  return lint::Linter({std::move(profile), root_and_crl(), issuer});
}

std::string realworld(const std::string& file) {
  return (test::realworld_dir() / file).string();
}
std::string broken(const std::string& file) {
  return (test::broken_dir() / file).string();
}

}  // namespace

TEST_SUITE("lint::Linter") {
  TEST_CASE("the profile is chosen from the artifact, among the profiles that exist") {
    auto dir = test::lint_temp_dir("choice");
    auto choose = [&](const std::string& file) {
      return lint::choose_certificate_profile(test::realworld_cert(file).get(), dir);
    };
    CHECK(choose("amazon-root-ca-1.pem").name.empty());
    CHECK(choose("amazon-root-ca-1.pem").reason ==
          "self-signed CA certificate, but there is no root-ca profile");
    for (const char* name : {"root-ca", "subordinate-ca", "ocsp-signing", "tls-server"})
      std::ofstream(dir / (std::string(name) + ".yaml")) << "# only its existence matters here\n";
    CHECK(choose("amazon-root-ca-1.pem").name == "root-ca");
    CHECK(choose("amazon-root-ca-1.pem").reason == "self-signed CA certificate");
    // Let's Encrypt R3 carries serverAuth: without a tls-subordinate-ca profile, subordinate-ca.
    CHECK(choose("le-r3.pem").name == "subordinate-ca");
    CHECK(choose("le-r3.pem").reason ==
          "CA certificate that is not self-signed, extendedKeyUsage serverAuth");
    CHECK(choose("amazon-server-ca-1b.pem").reason == "CA certificate that is not self-signed");
    CHECK(choose("isrg-root-ocsp-x1.pem").name == "ocsp-signing");
    CHECK(choose("isrg-root-ocsp-x1.pem").reason == "extendedKeyUsage has OCSPSigning");
    // A CA whose keyUsage lacks keyCertSign is still judged as a CA (by the root profile).
    CHECK(
        lint::choose_certificate_profile(test::broken_cert("wrong-keyusage.pem").get(), dir).name ==
        "root-ca");
    auto root = test::broken_cert("test-root-ca.pem");
    auto with = [&](const char* cn, bool ca, std::vector<std::pair<int, const char*>> exts) {
      return test::make_cert({.cn = cn, .issuer = root.get(), .key = test::other_key(), .ca = ca},
                             [&](X509* c) {
                               for (const auto& [nid, value] : exts) test::add_ext(c, nid, value);
                             });
    };
    auto choose_for = [&](const ossl::X509Ptr& cert) {
      return lint::choose_certificate_profile(cert.get(), dir);
    };
    auto server = with("www.example.com", false, {{NID_ext_key_usage, "serverAuth"}});
    CHECK(choose_for(server).name == "tls-server");
    auto ev = test::make_cert(
        {.cn = "ev.example.com", .issuer = root.get(), .key = test::other_key(), .ca = false},
        [](X509* c) {
          test::add_ext(c, NID_ext_key_usage, "serverAuth,clientAuth");
          std::unique_ptr<CERTIFICATEPOLICIES, ossl::Deleter<CERTIFICATEPOLICIES_free>> policies(
              sk_POLICYINFO_new_null());
          for (const char* oid : {"1.3.187.1.1", "2.23.140.1.1"}) {
            POLICYINFO* info = POLICYINFO_new();
            ASN1_OBJECT_free(info->policyid);
            info->policyid = OBJ_txt2obj(oid, 1);
            sk_POLICYINFO_push(policies.get(), info);
          }
          X509_add1_ext_i2d(c, NID_certificate_policies, policies.get(), 0, X509V3_ADD_DEFAULT);
        });
    CHECK(choose_for(ev).name == "tls-server");  // no tls-server-ev yet: its fallback
    CHECK(choose_for(ev).reason == "extendedKeyUsage has serverAuth, EV policy 2.23.140.1.1");
    auto tls_ca = with("TLS CA", true, {{NID_ext_key_usage, "serverAuth"}});
    CHECK(choose_for(tls_ca).name == "subordinate-ca");
    auto signer = with("Signer", false, {{NID_ext_key_usage, "codeSigning"}});
    auto stamper = with("Stamper", false, {{NID_ext_key_usage, "critical,timeStamping"}});
    auto client = with("client", false, {{NID_ext_key_usage, "clientAuth"}});
    auto plain = with("plain", false, {});
    CHECK(choose_for(signer).reason ==
          "extendedKeyUsage has codeSigning, but there is no code-signing profile");
    CHECK(choose_for(plain).reason ==
          "end-entity certificate without an extendedKeyUsage that selects a profile");
    for (const char* name :
         {"tls-server-ev", "tls-subordinate-ca", "code-signing", "time-stamping", "client"})
      std::ofstream(dir / (std::string(name) + ".yaml")) << "# only its existence matters here\n";
    CHECK(choose_for(ev).name == "tls-server-ev");
    CHECK(choose_for(server).name == "tls-server");
    CHECK(choose_for(tls_ca).name == "tls-subordinate-ca");
    CHECK(choose_for(tls_ca).reason ==
          "CA certificate that is not self-signed, extendedKeyUsage serverAuth");
    CHECK(choose("le-r3.pem").name == "tls-subordinate-ca");
    CHECK(choose_for(signer).name == "code-signing");
    CHECK(choose_for(stamper).name == "time-stamping");
    CHECK(choose_for(client).name == "client");
    CHECK(choose_for(plain).name.empty());
    CHECK(lint::choose_crl_profile(dir).name.empty());
    CHECK(lint::choose_crl_profile(root_and_crl()).name == "crl");
  }

  TEST_CASE("a root is linted against root-ca; the report says so") {
    auto r = linter().lint_file(realworld("isrg-root-x1.pem"));
    REQUIRE(r.size() == 1);
    CHECK(r[0].error.empty());
    CHECK(r[0].type == lint::ArtifactType::certificate);
    CHECK(r[0].profile == "root-ca");
    CHECK(r[0].profile_reason == "self-signed CA certificate");
    CHECK(r[0].name == "C = US, O = Internet Security Research Group, CN = ISRG Root X1");
    CHECK(test::ids(r[0].findings) == Ids{"e_ku_bits_mismatch"});
    CHECK(lint::exit_status(r) == kr::kExitFoundWrong);
    CHECK(lint::render_text(r) ==
          realworld("isrg-root-x1.pem") +
              ": certificate \"C = US, O = Internet Security Research Group, CN = ISRG Root X1\"; "
              "profile root-ca (self-signed CA certificate); 1 error\n" +
              realworld("isrg-root-x1.pem") +
              ": error: e_ku_bits_mismatch: keyUsage is keyCertSign and cRLSign; the root-ca "
              "profile requires exactly digitalSignature, keyCertSign and cRLSign\n"
              "summary: 1 artifact in 1 file, 1 with errors, 0 unreadable; 1 error, 0 warnings, 0 "
              "notices\n");
    auto clean = linter().lint_file(realworld("amazon-root-ca-2.pem"));
    CHECK(clean[0].findings.empty());
    CHECK(lint::exit_status(clean) == 0);
  }

  TEST_CASE("without a profile for it, an intermediate gets the RFC 5280 lints only") {
    auto r = linter().lint_file(realworld("le-e5.pem"));
    CHECK(r[0].profile.empty());
    CHECK(r[0].profile_reason ==
          "CA certificate that is not self-signed, extendedKeyUsage serverAuth, but there is no "
          "tls-subordinate-ca or subordinate-ca profile");
    CHECK(test::ids(r[0].findings) == Ids{"n_issuer_not_checked"});
    CHECK(lint::exit_status(r) == 0);  // a notice is not an error
    auto with_issuer =
        linter(test::realworld_cert("isrg-root-x2.pem").get()).lint_file(realworld("le-e5.pem"));
    CHECK(test::ids(with_issuer[0].findings).empty());
  }

  TEST_CASE("the hand-made broken artifacts are reported by id") {
    auto lint_one = [](const std::string& file, const X509* issuer = nullptr) {
      auto r = linter(issuer).lint_file(broken(file));
      REQUIRE(r.size() == 1);
      return test::ids(r[0].findings);
    };
    CHECK(lint_one("test-root-ca.pem").empty());
    CHECK(lint_one("negative-serial.pem") == Ids{"e_serial_not_positive"});
    CHECK(lint_one("missing-ski.pem") == Ids{"e_ski_missing"});
    CHECK(lint_one("wrong-keyusage.pem") == Ids{"e_ku_bits_mismatch"});
    auto root = test::broken_cert("test-root-ca.pem");
    CHECK(lint_one("keycertsign-not-ca.pem", root.get()) == Ids{"e_ku_cert_sign_without_ca"});
    auto expired = test::broken_cert("expired-ca.pem");
    CHECK(lint_one("issued-by-expired-ca.pem", expired.get()) ==
          Ids{"e_issuer_expired_at_not_before", "e_validity_outlives_issuer"});
    CHECK(lint_one("sorted-crl.pem", root.get()).empty());
    CHECK(lint_one("unsorted-crl.pem", root.get()) == Ids{"e_crl_entries_unsorted"});
    CHECK(lint_one("duplicate-crl.pem", root.get()) == Ids{"e_crl_entry_duplicate"});
    // Without the crl profile, RFC 5280 alone: out of order is only a warning.
    auto rfc_only = lint::Linter({"", test::profiles_with("root-only", {"root-ca"}), root.get()});
    auto r = rfc_only.lint_file(broken("unsorted-crl.pem"));
    CHECK(test::ids(r[0].findings) == Ids{"w_crl_entries_unsorted"});
    CHECK(r[0].profile_reason == "CRL, but there is no crl profile");
    CHECK(lint::exit_status(r) == 0);
  }

  TEST_CASE(
      "--profile: an unknown name is a usage error; the wrong kind is an error per artifact") {
    CHECK_THROWS_WITH_AS(
        linter(nullptr, "no-such-profile"),
        ("--profile no-such-profile: there is no such profile in " + root_and_crl().string())
            .c_str(),
        UsageError);
    try {
      linter(nullptr, "no-such-profile");
    } catch (const UsageError& e) {
      CHECK(std::string(e.hint()) == "the profiles there are crl, root-ca");
    }
    auto r = linter(nullptr, "crl").lint_file(realworld("amazon-root-ca-1.pem"));
    CHECK(r[0].error.rfind("profile crl cannot be used for a certificate: ", 0) == 0);
    CHECK(lint::exit_status(r) == 2);
    auto given = linter(nullptr, "root-ca").lint_file(realworld("le-r10.pem"));
    CHECK(given[0].profile == "root-ca");
    CHECK(given[0].profile_reason == "given with --profile");
    CHECK(test::has_id(given[0].findings, "e_issuer_subject_mismatch"));
  }

  TEST_CASE("a bundle: each artifact with its index; an unreadable part makes the status 2") {
    std::string text;
    for (const char* f :
         {"amazon-root-ca-1.pem", "le-e6.pem", "crl-intel-sgx-root-ca-2023-04.pem"}) {
      Bytes b = read_file(test::realworld_dir() / f);
      text.append(b.begin(), b.end());
    }
    auto r = linter().lint_data("bundle.pem", as_bytes(text));
    REQUIRE(r.size() == 3);
    CHECK(r[1].index == 1);
    CHECK(r[1].location() == "bundle.pem[1]");
    CHECK(r[2].type == lint::ArtifactType::crl);
    CHECK(r[2].profile == "crl");
    CHECK(lint::exit_status(r) == 0);

    auto bad = linter().lint_data("bad.pem", as_bytes(text + "-----BEGIN X509 CRL-----\nAAAA\n"));
    REQUIRE(bad.size() == 4);
    CHECK(lint::exit_status(bad) == 2);
    CHECK(lint::error_lines(bad) ==
          std::vector<std::string>{"bad.pem[3]: the \"X509 CRL\" PEM block has no END line"});
    auto missing = linter().lint_file("/nonexistent/kr-lint-input.pem");
    CHECK(lint::error_lines(missing) ==
          std::vector<std::string>{
              "/nonexistent/kr-lint-input.pem: cannot read: No such file or directory"});
  }

  TEST_CASE("JSON: the documented shape, parseable, and safe with any bytes") {
    auto r = linter().lint_file(realworld("starfield-services-root-g2.pem"));
    auto more = linter().lint_data("junk.bin", as_bytes(std::string("\xff\xfe not anything")));
    r.insert(r.end(), more.begin(), more.end());
    // A message with bytes that are not UTF-8 must not break the document.
    r[0].findings.push_back({"n_test", lint::Severity::notice, "bad \xc3\x28 bytes"});
    auto doc = nlohmann::json::parse(lint::render_json(r));
    REQUIRE(doc["files"].size() == 2);
    const auto& f = doc["files"][0];
    CHECK(f["file"] == realworld("starfield-services-root-g2.pem"));
    CHECK(f["index"] == 0);
    CHECK(f["type"] == "certificate");
    CHECK(f["profile"] == "root-ca");
    CHECK(f["profile_reason"] == "self-signed CA certificate");
    CHECK(f["findings"][0]["id"] == "e_serial_not_positive");
    CHECK(f["findings"][0]["severity"] == "error");
    CHECK(f["findings"][0]["message"] ==
          "serial number is zero; CPS Appendix B requires a positive integer");
    const auto& junk = doc["files"][1];
    CHECK(junk["type"].is_null());
    CHECK(junk["error"] == "not PEM, and not a DER certificate, CRL, CSR or OCSP response");
    CHECK_FALSE(junk.contains("findings"));
    CHECK(doc["summary"]["exit_status"] == 2);
    CHECK(doc["summary"]["artifacts"] == 2);
    CHECK(doc["summary"]["unreadable"] == 1);
  }

  TEST_CASE("text: control characters from the input stay on one line") {
    lint::Result r;
    r.file = "a.pem";
    r.type = lint::ArtifactType::certificate;
    r.name = "CN = two\nlines";
    r.profile_reason = "test";
    r.findings.push_back({"e_x", lint::Severity::error, "tab\there"});
    CHECK(lint::render_text({r}) ==
          "a.pem: certificate \"CN = two\\x0alines\"; no profile (test); 1 error\n"
          "a.pem: error: e_x: tab\\x09here\n"
          "summary: 1 artifact in 1 file, 1 with errors, 0 unreadable; 1 error, 0 warnings, 0 "
          "notices\n");
  }

  TEST_CASE("CSRs: the CSR lint, then the subject's encodings") {
    Bytes bytes = test::make_csr_der("R&D");
    auto r = linter().lint_data("request.der", bytes);
    REQUIRE(r.size() == 1);
    CHECK(r[0].type == lint::ArtifactType::csr);
    CHECK(r[0].profile.empty());
    CHECK(r[0].profile_reason == "CSRs are checked by the CSR lint, without a profile");
    auto parsed = lint::read_artifacts(bytes);
    auto own = test::ids(lint::lint_csr(parsed[0].csr.get()));
    own.push_back("e_name_printable_charset");
    CHECK(test::ids(r[0].findings) == own);
  }

  TEST_CASE("OCSP responses: read from DER and linted by the OCSP lint with --issuer") {
    auto root = test::broken_cert("test-root-ca.pem");
    // Signed by another CA than the one it is about: the OCSP lint must say so.
    auto other = test::make_cert({.cn = "Other OCSP Root", .key = test::other_key()});
    Bytes bytes = test::make_ocsp_der(root.get(), other.get(), test::other_key());
    auto r = linter(root.get()).lint_data("response.der", bytes);
    REQUIRE(r.size() == 1);
    CHECK(r[0].error.empty());
    CHECK(r[0].type == lint::ArtifactType::ocsp_response);
    CHECK(r[0].profile_reason == "OCSP responses are checked by the OCSP lint, without a profile");
    auto parsed = lint::read_artifacts(bytes);
    CHECK(test::ids(r[0].findings) ==
          test::ids(lint::lint_ocsp_response(parsed[0].ocsp.get(), root.get(), nullptr)));
    CHECK(test::ids(r[0].findings) ==
          Ids{"e_ocsp_signature_invalid", "e_ocsp_responder_id_mismatch"});
  }

  TEST_CASE("--issuer must be exactly one readable certificate") {
    CHECK(lint::read_issuer(broken("test-root-ca.pem")));
    CHECK_THROWS_WITH_AS(
        lint::read_issuer(broken("sorted-crl.pem")),
        ("--issuer " + broken("sorted-crl.pem") + ": is not a certificate").c_str(), Error);
    CHECK_THROWS_WITH_AS(lint::read_issuer("/nonexistent/ca.pem"),
                         "--issuer /nonexistent/ca.pem: cannot read: No such file or directory",
                         Error);
  }
}
