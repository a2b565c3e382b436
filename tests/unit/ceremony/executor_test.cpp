// The executor in-process on a real SoftHSM token: offline findings with positions, token checks,
// and what a failure in the middle of a ceremony leaves behind.
#include "ceremony/executor.h"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ossl/der.h"
#include "pkcs11/keys.h"
#include "script/parser.h"
#include "support/temp_softhsm.h"
#include "util/atomic_file.h"

using namespace kr;

namespace {

std::string script_text(const std::string& token_label, const std::string& not_after,
                        const std::string& cert_key = "k1") {
  return "keyrite: 1\n"
         "ceremony: {id: unit, test: true}\n"
         "token: {module: softhsm2, label: " +
         token_label +
         "}\n"
         "roles: {administrator: Alex, internal-auditor: Ivy}\n"
         "steps:\n"
         "  - id: key-1\n"
         "    generate-key: {label: k1, type: ec, curve: P-256}\n"
         "  - id: cert-1\n"
         "    self-sign:\n"
         "      key: " +
         cert_key +
         "\n"
         "      profile: root-ca\n"
         "      subject: {C: US, O: Example, CN: Unit Root}\n"
         "      validity: {not-before: 2020-01-01T00:00:00Z, not-after: " +
         not_after +
         "}\n"
         "      output: root.crt\n"
         "  - id: pub-1\n"
         "    export-public-key: {key: k1, output: k1.pub.pem}\n";
}

std::vector<nlohmann::json> read_events(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::vector<nlohmann::json> events;
  for (std::string line; std::getline(in, line);) events.push_back(nlohmann::json::parse(line));
  return events;
}

}  // namespace

TEST_SUITE("ceremony") {
  TEST_CASE("offline checks name the script position of a profile violation") {
    test::TempDir out;
    auto script = script::parse_script_text(script_text("t", "2045-01-01T00:00:01Z"), "unit.yaml",
                                            {out.path()});
    ceremony::RunOptions options;
    options.output_dir = out.path();
    try {
      ceremony::check_offline(script, options);
      FAIL("a 25 years and 1 second root passed the offline checks");
    } catch (const ceremony::CheckFailed& e) {
      REQUIRE(e.findings().size() == 1);
      CHECK(ceremony::format_finding(e.findings()[0]) ==
            "unit.yaml:13:63: steps[1].self-sign.validity.not-after: validity is 25 years and 1 "
            "second; the root-ca profile allows at most 25 years");
    }
    CHECK(std::filesystem::is_empty(out.path()));
  }

  TEST_CASE("an unknown profile is a finding at the profile field") {
    test::TempDir out;
    auto text = script_text("t", "2045-01-01T00:00:00Z");
    text.replace(text.find("profile: root-ca"), 16, "profile: no-such");
    auto script = script::parse_script_text(text, "unit.yaml", {out.path()});
    ceremony::RunOptions options;
    options.output_dir = out.path();
    try {
      ceremony::check_offline(script, options);
      FAIL("an unknown profile passed the offline checks");
    } catch (const ceremony::CheckFailed& e) {
      REQUIRE(e.findings().size() == 1);
      std::string text = ceremony::format_finding(e.findings()[0]);
      CHECK(text.rfind("unit.yaml:11:16: steps[1].self-sign.profile: ", 0) == 0);
      CHECK(text.find("no-such") != std::string::npos);
    }
  }

  TEST_CASE("a ceremony runs in-process and logs every step") {
    test::TempSoftHsm hsm("unit-run");
    test::TempDir out;
    auto script = script::parse_script_text(script_text("unit-run", "2045-01-01T00:00:00Z"),
                                            "unit.yaml", {out.path()});
    ceremony::RunOptions options;
    options.output_dir = out.path();
    options.log_path = out / "events.jsonl";
    std::ostringstream printed;
    // The log records the script's hash, so the script must exist as a file.
    write_new_file(out / "unit.yaml", as_bytes(script_text("unit-run", "2045-01-01T00:00:00Z")));
    script.file = (out / "unit.yaml").string();
    ceremony::run_ceremony(script, options, hsm.user_pin(), printed);
    CHECK(std::filesystem::exists(out / "root.crt"));
    CHECK(std::filesystem::exists(out / "k1.pub.pem"));
    auto events = read_events(out / "events.jsonl");
    // Each key and artifact is announced (artifact-intent) before it exists.
    REQUIRE(events.size() == 10);
    CHECK(events[3]["type"] == "artifact-intent");
    CHECK(events[3]["details"]["cka_id"] == events[4]["details"]["cka_id"]);
    CHECK(events[4]["type"] == "key-generated");
    CHECK(events[5]["type"] == "artifact-intent");
    CHECK(events[5]["target"] == "file:root.crt");
    CHECK(events[5]["details"]["tbs_sha256"] == events[6]["details"]["tbs_sha256"]);
    CHECK(events[6]["type"] == "certificate-signed");
    CHECK(events[6]["details"]["verified_by"] == nlohmann::json::array({"openssl", "botan"}));
    CHECK(events[7]["type"] == "artifact-intent");
    CHECK(events[8]["type"] == "public-key-exported");
    CHECK(events[9]["type"] == "ceremony-finished");
    CHECK(printed.str().find("SPKI SHA-256 " +
                             events[4]["details"]["spki_sha256"].get<std::string>()) !=
          std::string::npos);
  }

  TEST_CASE("a step that fails mid-ceremony is logged; later steps do not run; no partial file") {
    test::TempSoftHsm hsm("unit-fail");
    test::TempDir out;
    auto text = script_text("unit-fail", "2045-01-01T00:00:00Z");
    auto script = script::parse_script_text(text, "unit.yaml", {out.path()});
    write_new_file(out / "unit.yaml", as_bytes(text));
    script.file = (out / "unit.yaml").string();
    // Someone writes the certificate's name after the checks passed: the step must not replace it.
    write_new_file(out / "root.crt", as_bytes("not ours"));
    ceremony::RunOptions options;
    options.output_dir = out.path();
    options.log_path = out / "events.jsonl";
    std::ostringstream printed;
    CHECK_THROWS_WITH(
        ceremony::run_ceremony(script, options, hsm.user_pin(), printed),
        ((out / "root.crt").string() + ": already exists; keyrite never overwrites a file")
            .c_str());
    CHECK(read_file(out / "root.crt") == Bytes{'n', 'o', 't', ' ', 'o', 'u', 'r', 's'});
    CHECK_FALSE(std::filesystem::exists(out / "k1.pub.pem"));
    auto events = read_events(out / "events.jsonl");
    REQUIRE(events.size() == 9);
    // The certificate's intent is settled by artifact-abandoned: signed, never written.
    CHECK(events[5]["type"] == "artifact-intent");
    CHECK(events[6]["type"] == "artifact-abandoned");
    CHECK(events[6]["details"]["intent_seq"] == 5);
    CHECK(events[6]["details"]["left_behind"] ==
          nlohmann::json::array({"nothing written: the temporary file was removed"}));
    CHECK(events[7]["type"] == "step-failed");
    CHECK(events[7]["step"] == "cert-1");
    CHECK(events[7]["outcome"] == "failure");
    CHECK(events[8]["type"] == "ceremony-failed");
    // The key made before the failure is real and stays on the token, recorded in the log.
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_only);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    CHECK(pkcs11::find_key_pair(session, "k1"));
    // No temporary file is left beside the outputs.
    for (auto& entry : std::filesystem::directory_iterator(out.path()))
      CHECK(entry.path().filename().string().rfind(".root.crt.tmp", 0) != 0);
  }

  TEST_CASE("a key already on the token may be signed for; a missing one is refused first") {
    test::TempSoftHsm hsm("unit-ext");
    {
      pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
      pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
      pkcs11::generate_key_pair(session, {"existing", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    }
    test::TempDir out;
    std::string text =
        "keyrite: 1\nceremony: {id: ext, test: true}\ntoken: {module: softhsm2, label: unit-ext}\n"
        "roles: {administrator: Alex, internal-auditor: Ivy}\nsteps:\n"
        "  - id: cert-1\n    self-sign:\n      key: existing\n      profile: root-ca\n"
        "      subject: {C: US, O: Example, CN: Existing Root}\n"
        "      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2030-01-01T00:00:00Z}\n"
        "      output: existing.crt\n"
        "  - id: pub-2\n    export-public-key: {key: missing, output: missing.pem}\n";
    write_new_file(out / "ext.yaml", as_bytes(text));
    auto script = script::parse_script_file(out / "ext.yaml", {out.path()});
    ceremony::RunOptions options;
    options.output_dir = out.path();
    std::ostringstream printed;
    std::string expected = (out / "ext.yaml").string() +
                           ":14:30: steps[1].export-public-key.key: no key labelled \"missing\" "
                           "on token \"unit-ext\" and no earlier step generates it";
    CHECK_THROWS_WITH(ceremony::run_ceremony(script, options, hsm.user_pin(), printed),
                      expected.c_str());
    CHECK_FALSE(std::filesystem::exists(out / "existing.crt"));
    script.steps.pop_back();
    options.output_dir = out / "second";
    ceremony::run_ceremony(script, options, hsm.user_pin(), printed);
    auto cert = ossl::read_certificate(read_file(out / "second" / "existing.crt"), "existing.crt");
    CHECK(X509_check_issued(cert.get(), cert.get()) == X509_V_OK);
  }
}
