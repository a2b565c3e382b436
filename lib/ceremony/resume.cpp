// resume_ceremony: what the transcript says was done, checked against the disk and the token,
// then the run goes on from the first unfinished step.
#include "ceremony/resume.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>

#include "ceremony/crl_state.h"
#include "ceremony/executor.h"
#include "ceremony/half_made_keys.h"
#include "ceremony/run_loop.h"
#include "ceremony/run_setup.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "pkcs11/attributes.h"
#include "pkcs11/public_lookup.h"
#include "transcript/verify.h"
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/bytes.h"
#include "util/plural.h"
#include "util/time.h"
#include "util/version.h"

namespace kr::ceremony {
namespace {

namespace fs = std::filesystem;

// The event a step records when it is done.
const char* result_type(const script::Step& step) {
  const std::string kind = script::step_kind(step.body);
  if (kind == "generate-key") return "key-generated";
  if (kind == "self-sign" || kind == "issue" || kind == "cross-sign") return "certificate-signed";
  if (kind == "make-csr") return "csr-signed";
  if (kind == "sign-crl") return "crl-signed";
  if (kind == "sign-ocsp-response") return "ocsp-response-signed";
  if (kind == "export-public-key") return "public-key-exported";
  if (kind == "backup-key") return "key-backed-up";
  if (kind == "restore-key") return "key-restored";
  return "key-destroyed";
}

// The output files a step writes (paths relative to the output directory).
std::vector<std::string> outputs_of(const script::Step& step) {
  return std::visit(
      [](const auto& b) -> std::vector<std::string> {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, script::GenerateKey> ||
                      std::is_same_v<T, script::RestoreKey> ||
                      std::is_same_v<T, script::DestroyKey>)
          return {};
        else if constexpr (std::is_same_v<T, script::BackupKey>)
          return {};  // a directory of files named after the key; checked by the step itself
        else
          return {b.output};
      },
      step.body);
}

std::vector<nlohmann::json> read_lines(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file.string() + ": cannot read the transcript");
  std::vector<nlohmann::json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // a last line without its newline: the writer refuses it
    out.push_back(nlohmann::json::parse(line, nullptr, false));
  }
  return out;
}

ossl::EvpPkeyPtr read_key_file(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    throw Error(path.string() + ": no audit key here",
                "name the audit key's public key with --audit-key (kr-token init wrote it beside "
                "the share-set descriptor, as DESCRIPTOR.audit-key.pem)");
  return ossl::read_public_key(read_file(path), path.string());
}

struct Recorded {
  std::size_t first_unfinished = 0;
  std::string ending;                       // "paused", "failed" or "interrupted"
  std::map<std::string, std::string> keys;  // label -> recorded SPKI SHA-256, still on the token
  std::vector<std::string> files_checked;
};

// What the transcript says was done, checked against the script and the output directory.
Recorded read_record(const script::Script& script, const std::string& script_text,
                     const RunOptions& options, const std::vector<nlohmann::json>& lines,
                     const transcript::VerifyResult& verified) {
  const auto& line0 = lines.at(0);
  const auto details0 = line0.value("details", nlohmann::json::object());
  if (details0.value("script", "") != script_text)
    throw Error(script.file +
                    ": this is not the script the transcript embeds (line 0); a "
                    "ceremony resumes only with the very script it started with",
                "use the script file from the ceremony's records");
  Recorded r;
  r.ending = verified.ending.empty() ? "interrupted" : verified.ending;
  const auto& steps = script.steps;
  auto done = [&](const script::Step& step) -> const nlohmann::json* {
    const nlohmann::json* found = nullptr;
    for (const auto& line : lines)
      if (line.value("step", "") == step.id && line.value("type", "") == result_type(step) &&
          line.value("outcome", "") == "success")
        found = &line;
    return found;
  };
  while (r.first_unfinished < steps.size() && done(steps[r.first_unfinished])) ++r.first_unfinished;
  for (std::size_t i = r.first_unfinished; i < steps.size(); ++i)
    if (done(steps[i]))
      throw Error(options.log_path.string() + ": records step " + steps[i].id +
                  " as done although step " + steps[r.first_unfinished].id +
                  ", before it, is not: the transcript does not fit this script");

  for (std::size_t i = 0; i < r.first_unfinished; ++i) {
    const auto& event = *done(steps[i]);
    for (const auto& d : event.value("outputs", nlohmann::json::array())) {
      const std::string name = d.value("name", "");
      if (name.empty() || name.rfind("key:", 0) == 0) continue;
      // The CRL state file lives outside the output directory and grows with every later CRL:
      // its hash at the step is a record, not something the file must still match.
      if (names_crl_state(name)) continue;
      const fs::path file = options.output_dir / name;
      std::error_code error;
      if (!fs::is_regular_file(file, error))
        throw Error(file.string() + ": written by step " + steps[i].id + " (transcript line " +
                        std::to_string(event.value("seq", 0)) + ") but missing now",
                    "restore it from the ceremony's records (its SHA-256 is " +
                        d.value("sha256", "") +
                        "), or run resume with the --output-dir that "
                        "holds it");
      if (ossl::sha256_file_hex(file) != d.value("sha256", ""))
        throw Error(file.string() + ": differs from what step " + steps[i].id +
                    " wrote (transcript line " + std::to_string(event.value("seq", 0)) +
                    " records SHA-256 " + d.value("sha256", "") + ")");
      r.files_checked.push_back(name);
    }
    const std::string kind = script::step_kind(steps[i].body);
    if (kind == "generate-key") {
      const auto& g = std::get<script::GenerateKey>(steps[i].body);
      r.keys[g.label] = event.value("details", nlohmann::json::object()).value("spki_sha256", "");
    } else if (kind == "destroy-key") {
      r.keys.erase(std::get<script::DestroyKey>(steps[i].body).key);
    }
  }
  // Nothing of an unfinished step may be on disk: a file there was written by an interrupted
  // run and never recorded, and keyrite never overwrites or silently reuses one.
  for (std::size_t i = r.first_unfinished; i < steps.size(); ++i)
    for (const auto& output : outputs_of(steps[i])) {
      const fs::path file = options.output_dir / output;
      std::error_code error;
      if (fs::symlink_status(file, error).type() != fs::file_type::not_found)
        throw Error(file.string() + ": step " + steps[i].id +
                        " has not run according to the transcript, yet its output exists: an "
                        "interrupted run wrote it and stopped before recording it",
                    "move it out of the output directory (keep it with the ceremony's records: it "
                    "was never recorded) and resume; the step runs again");
    }
  return r;
}

// The keys on the token, seen without a login: each recorded key is there with its recorded
// public key, and the first unfinished step's key is there only if the operator resolved it.
void check_token_keys(Context& ctx, const Recorded& r, const ResumeOptions& resume,
                      nlohmann::ordered_json& details) {
  auto keys = nlohmann::ordered_json::array();
  for (const auto& [label, spki] : r.keys) {
    auto found = pkcs11::find_public_keys(*ctx.session, label);
    if (found.size() != 1 || !found.front())
      throw Error("token \"" + ctx.token.label + "\": " +
                  (found.empty()
                       ? "no key labelled \"" + label + "\""
                       : std::to_string(found.size()) + " keys labelled \"" + label + "\"") +
                  ", but the transcript records key " + label + " with SPKI SHA-256 " + spki);
    const std::string actual = ossl::spki_sha256_hex(found.front().get());
    if (actual != spki)
      throw Error("token \"" + ctx.token.label + "\": key \"" + label + "\" has SPKI SHA-256 " +
                  actual + ", the transcript records " + spki + ": not the ceremony's key");
    keys.push_back({{"label", label}, {"spki_sha256", spki}});
    ctx.out << "key " << label << ": on the token as recorded, SPKI SHA-256 " << spki << "\n";
  }
  details["keys_checked"] = keys;

  if (r.first_unfinished == ctx.script.steps.size()) {  // only the close is left
    for (const auto& named : {resume.adopt_key, resume.discard_key})
      if (!named.empty())
        throw UsageError("--adopt-key/--discard-key " + named +
                         ": every step is done; only the ceremony's close is left");
    return;
  }
  const auto& step = ctx.script.steps[r.first_unfinished];
  std::string label;
  if (const auto* g = std::get_if<script::GenerateKey>(&step.body)) label = g->label;
  if (const auto* x = std::get_if<script::RestoreKey>(&step.body)) label = x->label;
  const bool resolved =
      !label.empty() && (resume.adopt_key == label || resume.discard_key == label);
  for (const auto& named : {resume.adopt_key, resume.discard_key})
    if (!named.empty() && named != label)
      throw UsageError("--adopt-key/--discard-key " + named + ": the first unfinished step (" +
                       step.id + ") makes " + (label.empty() ? "no key" : "key " + label));
  if (label.empty()) return;
  const auto found = pkcs11::find_public_keys(*ctx.session, label);
  if (!found.empty() && !resolved)
    throw Error("token \"" + ctx.token.label + "\" holds a key labelled \"" + label +
                    "\" that the transcript does not record: step " + step.id +
                    " made it and the run stopped before recording it",
                "decide with the witnesses: resume with --adopt-key " + label +
                    " to record this key as step " + step.id +
                    "'s (its attributes are checked like a new key's), or --discard-key " + label +
                    " to destroy it and make a new one; either is recorded");
  if (found.empty() && resolved)
    throw UsageError("--adopt-key/--discard-key " + label + ": the token has no key labelled \"" +
                     label + "\"; resume without it");
  if (resolved)
    details["interrupted_step"] = {
        {"step", step.id},
        {"key", label},
        {"resolution", resume.adopt_key == label ? "adopt" : "discard"},
        {"spki_sha256", found.front() ? ossl::spki_sha256_hex(found.front().get()) : ""}};
}

// --adopt-key: the key the interrupted run made becomes the step's, after the checks a new key
// gets; recorded as key-generated with details.adopted.
bool adopt(Context& ctx, const script::Step& step) {
  const auto& g = std::get<script::GenerateKey>(step.body);
  const auto& pair = ctx.key(g.label);
  const bool rsa = g.type == script::KeyType::rsa;
  std::vector<std::string> wrong;
  if ((pair.algorithm == pkcs11::KeyAlgorithm::rsa) != rsa) wrong.push_back("its type");
  if (rsa ? pair.bits != g.bits : pair.curve != g.curve) wrong.push_back("its size or curve");
  auto flag = [&](CK_ATTRIBUTE_TYPE type, const char* name, bool want) {
    if (pkcs11::get_bool(*ctx.session, pair.private_key, type, name) != want)
      wrong.push_back(std::string(name) + (want ? " is false" : " is true"));
  };
  flag(CKA_TOKEN, "CKA_TOKEN", true);
  flag(CKA_PRIVATE, "CKA_PRIVATE", true);
  flag(CKA_SENSITIVE, "CKA_SENSITIVE", true);
  flag(CKA_EXTRACTABLE, "CKA_EXTRACTABLE", g.backup);
  flag(CKA_DECRYPT, "CKA_DECRYPT", false);
  flag(CKA_UNWRAP, "CKA_UNWRAP", false);
  if (!wrong.empty()) {
    std::string list;
    for (const auto& w : wrong) list += (list.empty() ? "" : ", ") + w;
    throw Error("key \"" + g.label + "\" cannot be adopted as step " + step.id + "'s: " + list +
                    " does not match what the step generates",
                "resume with --discard-key " + g.label + " instead");
  }
  const std::string fingerprint = ossl::spki_sha256_hex(pair.public_key.get());
  auto e = ctx.event(transcript::EventType::key_generated, &step);
  e.target = "key:" + g.label;
  e.cause = "adopted (kr-ceremony resume --adopt-key): step " + step.id +
            " generated it in an interrupted run that stopped before recording it";
  e.outputs.push_back({"key:" + g.label + " (SubjectPublicKeyInfo)", fingerprint});
  e.details["algorithm"] = pair.describe();
  e.details["cka_id"] = to_hex(pair.id);
  e.details["spki_sha256"] = fingerprint;
  e.details["spki_der_base64"] = base64_encode(ossl::spki_der(pair.public_key.get()));
  e.details["adopted"] = true;
  ctx.log->append(e);
  ctx.out << "key " << g.label << ": adopted, " << pair.describe() << ", CKA_ID " << to_hex(pair.id)
          << "\n  SPKI SHA-256 " << fingerprint << "\n";
  return true;
}

// --discard-key: the unrecorded key is destroyed (and that recorded), then the step runs.
bool discard(Context& ctx, const script::Step& step, const std::string& label) {
  auto pair = pkcs11::find_key_pair(*ctx.session, label);
  if (pair) {
    const std::string fingerprint = ossl::spki_sha256_hex(pair->public_key.get());
    ctx.keys.erase(label);
    ctx.signing_keys.erase(label);
    pkcs11::destroy_key_pair(*ctx.session, *pair);
    auto e = ctx.event(transcript::EventType::key_destroyed, &step);
    e.target = "key:" + label;
    e.cause = "discarded (kr-ceremony resume --discard-key): made by an interrupted run of step " +
              step.id + " and never recorded";
    e.inputs.push_back({"key:" + label + " (SubjectPublicKeyInfo)", fingerprint});
    e.details["cka_id"] = to_hex(pair->id);
    e.details["spki_sha256"] = fingerprint;
    e.details["discarded"] = true;
    ctx.log->append(e);
    ctx.out << "key " << label << ": discarded (destroyed), SPKI SHA-256 " << fingerprint << "\n";
  }
  return false;  // the step itself runs next and makes the key afresh
}

}  // namespace

RunStatus resume_ceremony(const script::Script& script, const RunOptions& options,
                          const ResumeOptions& resume, const Secret& user_pin, std::ostream& out) {
  RunOptions with_log = options;
  with_log.log_path = resume.transcript;
  Prepared p = prepare(script, with_log);

  fs::path audit_key_file = resume.audit_key;
  if (audit_key_file.empty() && p.sets.activation)
    audit_key_file = script.quorum->activation.resolved.string() + ".audit-key.pem";
  if (audit_key_file.empty())
    throw UsageError("a test ceremony's transcript is verified with --audit-key FILE");
  const auto audit_key = read_key_file(audit_key_file);
  const auto verified = transcript::verify_transcript(resume.transcript, audit_key.get());
  if (verified.verdict == transcript::Verdict::failed)
    throw Error(resume.transcript.string() + ": does not verify: " + verified.reason,
                "keyrite resumes only a transcript that verifies; give it to the auditor");
  if (verified.trailing_bytes > 0)
    throw Error(resume.transcript.string() + ": " + verified.reason,
                "keyrite never edits a transcript; keep it with the ceremony's records");
  if (verified.ending == "finished" && verified.verdict == transcript::Verdict::ok)
    throw Error(resume.transcript.string() + ": the ceremony finished; there is nothing to resume");
  // Finished, but the closing checkpoint was never signed (the process died in between): the
  // verifier allows only ceremony-failed after ceremony-finished, and resumption after that.
  const bool finished_unsigned = verified.ending == "finished";
  const auto lines = read_lines(resume.transcript);
  const Recorded recorded = read_record(script, p.script_text, p.options, lines, verified);

  Context ctx{script, p.options, out};
  open_token(ctx);
  // The read-only look before anyone types: keys recorded, keys made and never recorded.
  ctx.session.emplace(ctx.module, ctx.token.slot, pkcs11::Access::read_only);
  nlohmann::ordered_json details;
  check_token_keys(ctx, recorded, resume, details);
  ctx.session.reset();

  transcript::EventLog log(resume.transcript, transcript::EventLog::Continue{});
  ctx.log = &log;
  if (finished_unsigned)
    log.append(ceremony_failed_event(
        ctx,
        "the run stopped after ceremony-finished and before its closing checkpoint was "
        "signed; kr-ceremony resume closes it"));
  const bool only_close = recorded.first_unfinished == script.steps.size();
  const auto& next = script.steps[std::min(recorded.first_unfinished, script.steps.size() - 1)];
  const std::string next_id = only_close ? "" : next.id;
  auto e = ctx.event(transcript::EventType::ceremony_resumed, nullptr);
  e.target = "ceremony:" + script.ceremony_id;
  e.cause =
      "kr-ceremony resume " + script.file + " after the run " +
      (recorded.ending == "interrupted" ? "was interrupted (no closing event)" : recorded.ending);
  e.inputs.push_back({script.file, ossl::sha256_hex(as_bytes(p.script_text))});
  e.details["previous_ending"] = recorded.ending;
  e.details["lines_verified"] = verified.lines;
  if (verified.last_checkpoint) {
    e.details["last_checkpoint_line"] = verified.last_checkpoint->seq;
    e.details["last_checkpoint_root"] = to_hex(verified.last_checkpoint->root);
  }
  e.details["steps_completed"] = recorded.first_unfinished;
  e.details["next_step"] = only_close ? nlohmann::json(nullptr) : nlohmann::json(next_id);
  e.details["files_checked"] = recorded.files_checked;
  for (auto& [k, v] : details.items()) e.details[k] = v;
  e.details["tool_version"] = version();
  e.details["source_revision"] = source_revision();
  e.details["binary_sha256"] = p.binary_hash;
  e.details["system_time"] = format_utc(utc_now());
  e.details["attested_time"] = p.options.attested_time;
  e.details["output_dir"] = p.options.output_dir.string();
  log.append(e);
  if (only_close)
    out << "closing ceremony " << script.ceremony_id << ": all " << script.steps.size()
        << " steps are done and recorded, only the closing checkpoint is missing; ";
  else
    out << "resuming ceremony " << script.ceremony_id << " at step "
        << recorded.first_unfinished + 1 << " of " << script.steps.size() << " (" << next_id
        << "); " << count_of(recorded.first_unfinished, "step") << " done, ";
  out << count_of(recorded.files_checked.size(), "file") << " and "
      << count_of(recorded.keys.size(), "key") << " checked against the transcript\n";

  Continuation from;
  from.first_step = recorded.first_unfinished;
  if (!only_close && std::holds_alternative<script::GenerateKey>(next.body) &&
      resume.adopt_key.empty()) {
    auto intents = unsettled_key_intents(lines, next);
    if (!intents.empty())
      from.after_first_login = [&next, intents](Context& c) {
        remove_half_made_keys(c, next, intents);
      };
  }
  const bool adopting = !resume.adopt_key.empty();
  const bool discarding = !resume.discard_key.empty();
  if (adopting || discarding) {
    from.skip_token_check = recorded.first_unfinished;
    const std::string step_id = next_id;
    const std::string label = adopting ? resume.adopt_key : resume.discard_key;
    from.run_instead = [step_id, label, adopting](Context& c, const script::Step& step) {
      if (step.id != step_id) return false;
      return adopting ? adopt(c, step) : discard(c, step, label);
    };
  }
  return run_prepared(ctx, p, user_pin, from);
}

}  // namespace kr::ceremony
