// The documents rendered from hostile input: a script and a verified transcript whose names,
// subjects and reasons hold markup, quotes and direction overrides. The HTML must show them as
// text: no element, attribute or override from the input survives. (The integration test
// documents_test.sh also renders real ceremonies in Chromium.)
#include <doctest/doctest.h>

#include <algorithm>

#include "ossl/der.h"
#include "report/audit_report.h"
#include "report/runsheet.h"
#include "report/templates.h"
#include "script/parser.h"
#include "support/temp_dir.h"
#include "transcript/note.h"
#include "transcript/roster.h"
#include "transcript/transcript_writer.h"
#include "util/atomic_file.h"
#include "util/exit_status.h"

using namespace kr;

namespace {

const std::string kMallory = "<script>Mallory";
const std::string kQuinn = "Quinn\"'";
const std::string kEve = "Eve\u202Egpj.exe";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// No live markup from the input: every '<' in the document starts one of the template's own tags.
void check_no_live_markup(const std::string& html) {
  const std::string l = lower(html);
  CHECK(l.find("<script") == std::string::npos);
  CHECK(l.find("<img") == std::string::npos);
  CHECK(l.find("<b>") == std::string::npos);
  CHECK(l.find("&lt;img src=x onerror=") != std::string::npos);  // as text, never as a tag
  CHECK(html.find("\u202E") == std::string::npos);
  CHECK(html.find("&lt;script&gt;Mallory") != std::string::npos);
  CHECK(html.find("Eve&lt;U+202E&gt;gpj.exe") != std::string::npos);
  CHECK(html.find("Quinn&quot;&#39;") != std::string::npos);
}

std::string hostile_yaml() {
  return "keyrite: 1\n"
         "ceremony: {id: hostile-1, test: true, description: \"<img src=x onerror=alert(1)>\"}\n"
         "token: {module: softhsm2, label: hostile-hsm}\n"
         "roles: {administrator: \"<b>Alex</b>\", internal-auditor: Ivy, custodians: "
         "[\"<script>Mallory\", "
         "\"Quinn\\\"'\", \"Eve\\u202Egpj.exe\"]}\n"
         "steps:\n"
         "  - id: key-1\n"
         "    description: \"</section><script>alert(2)</script>\"\n"
         "    generate-key: {label: root, type: ec, curve: P-256}\n"
         "  - id: cert-1\n"
         "    self-sign:\n"
         "      key: root\n"
         "      profile: root-ca\n"
         "      subject: {CN: \"<script>alert(3)</script>\\u202E\"}\n"
         "      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}\n"
         "      output: root.crt\n";
}

// A transcript signed by a software audit key, with a roster of hostile names, a refusal and a
// certificate whose subject is markup.
void write_hostile_transcript(const std::filesystem::path& path, EVP_PKEY* audit) {
  using namespace transcript;
  Roster roster;
  roster.set_id = "set-<i>1</i>";
  roster.m = 2;
  roster.n = 3;
  for (const auto& name : {kMallory, kQuinn, kEve}) {
    ossl::EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    Bytes pub(32);
    std::size_t len = pub.size();
    EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len);
    roster.custodians[name] = pub;
  }
  TranscriptWriter w(path, Durability::no_fsync);
  auto signer = make_note_signer(kAuditKeyName, audit);
  auto event = [](EventType type, std::string target, std::string step) {
    Event e;
    e.type = type;
    e.operator_name = "<b>Alex</b>";
    e.target = std::move(target);
    e.step = std::move(step);
    e.cause = "script step";
    return e;
  };
  auto start = event(EventType::ceremony_started, "ceremony:hostile-1", "");
  start.inputs.push_back({"hostile.yaml", std::string(64, 'a')});
  start.details["description"] = "<img src=x onerror=alert(1)>";
  start.details["roster"] = roster_json(roster);
  start.details["script_file"] = "<script>.yaml";
  start.details["script"] = hostile_yaml();
  w.append(start);
  auto refused = event(EventType::quorum_failed, "custodian:" + kMallory, "key-1");
  refused.outcome = Outcome::failure;
  refused.cause = "<b>wrong</b> passphrase for \u202Eevil";
  w.append(refused);
  auto approval = event(EventType::approval_recorded, "custodian:" + kEve, "key-1");
  approval.details["custodian"] = kEve;
  w.append(approval);
  auto key = event(EventType::key_generated, "key:root", "key-1");
  key.details["algorithm"] = "EC P-256";
  key.details["spki_sha256"] = std::string(64, 'c');
  w.append(key);
  auto cert = event(EventType::certificate_signed, "file:root.crt", "cert-1");
  cert.inputs.push_back({"key:root (SubjectPublicKeyInfo)", std::string(64, 'c')});
  cert.outputs.push_back({"<script>root.crt", std::string(64, 'd')});
  cert.details["subject"] = "CN = <script>alert(3)</script>\u202E";
  cert.details["spki_sha256"] = std::string(64, 'c');
  cert.details["serial"] = "\"><img src=x onerror=alert(4)>";
  w.append(cert);
  w.append(event(EventType::ceremony_finished, "ceremony:hostile-1", ""));
  w.append_checkpoint({signer});
}

}  // namespace

TEST_SUITE("report::documents") {
  TEST_CASE("a run-sheet of a hostile script shows its names as text") {
    test::TempDir dir;
    write_new_file(dir / "hostile.yaml", as_bytes(hostile_yaml()));
    script::ParseOptions options;
    options.output_dir = dir.path();
    const auto script = script::parse_script_file(dir / "hostile.yaml", options);
    const auto model = report::runsheet_model(script, {});
    CHECK(model["step_count"] == 2);
    const std::string html = report::render_runsheet(model, report::default_templates_dir());
    check_no_live_markup(html);
    CHECK(html.find("&lt;/section&gt;&lt;script&gt;alert(2)") != std::string::npos);
    CHECK(html.find("Generate a EC P-256 key pair") == std::string::npos);
    CHECK(html.find("Generate an EC P-256 key pair") != std::string::npos);
  }
  TEST_CASE("an audit report of a verified hostile transcript shows its names as text") {
    test::TempDir dir;
    ossl::EvpPkeyPtr audit(EVP_EC_gen("P-256"));
    write_hostile_transcript(dir / "t.jsonl", audit.get());
    std::filesystem::create_directories(dir / "artifacts");
    report::AuditReportOptions options{{dir / "artifacts", {}}, "audit.pem", std::nullopt};
    const auto r = report::build_audit_report(dir / "t.jsonl", audit.get(), options);
    CHECK(r.model["verified"] == true);
    CHECK(r.model["exceptions"].size() == 1);
    CHECK(r.model["exceptions"][0]["custodian"] == kMallory);
    CHECK(r.model["exceptions"][0]["kind"] == "refusal");
    CHECK(r.svg.find("<svg") == 0);
    const std::string html = report::render_audit_html(r, report::default_templates_dir());
    check_no_live_markup(html);
    CHECK(lower(r.svg).find("<script") == std::string::npos);
    CHECK(r.svg.find("&lt;script&gt;alert(3)&lt;/script&gt;&lt;U+202E&gt;") != std::string::npos);
    CHECK(html.find("class=\"cell-approved\">approved") != std::string::npos);
  }
  TEST_CASE("a report of a transcript that does not verify presents none of its content") {
    test::TempDir dir;
    ossl::EvpPkeyPtr audit(EVP_EC_gen("P-256"));
    write_hostile_transcript(dir / "t.jsonl", audit.get());
    auto bytes = read_file(dir / "t.jsonl");
    std::string text(bytes.begin(), bytes.end());
    const auto at = text.find("alert(3)");
    text[at] = 'A';  // the certificate's subject, altered after signing
    write_new_file(dir / "tampered.jsonl", as_bytes(text));
    std::filesystem::create_directories(dir / "artifacts");
    report::AuditReportOptions options{{dir / "artifacts", {}}, "audit.pem", std::nullopt};
    const auto r = report::build_audit_report(dir / "tampered.jsonl", audit.get(), options);
    CHECK(r.exit_status == kr::kExitFoundWrong);
    CHECK(r.model["verified"] == false);
    CHECK(r.model["verdict"]["status"] == "failed");
    CHECK(r.model["verdict"]["headline"] ==
          "FAILED: the transcript does not verify. Nothing in it is shown as fact.");
    CHECK_FALSE(r.model.contains("artifacts"));
    CHECK(r.svg.empty());
    const std::string html = report::render_audit_html(r, report::default_templates_dir());
    CHECK(html.find("Alert(3)") == std::string::npos);
    CHECK(html.find("Mallory") == std::string::npos);
    CHECK(html.find("id=\"verdict\"") < html.find("<h2>"));
  }
}
