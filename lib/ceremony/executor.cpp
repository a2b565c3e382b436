// The ceremony executor.
#include "ceremony/executor.h"

#include <algorithm>
#include <set>

#include "ceremony/crl_state.h"
#include "ceremony/interrupt.h"
#include "ceremony/inventory.h"
#include "ceremony/rehearsal.h"
#include "ceremony/run_setup.h"
#include "ceremony/stale_files.h"
#include "ceremony/summary.h"
#include "ossl/digest.h"
#include "pkcs11/audit_key.h"
#include "profile/profile.h"
#include "report/paper_log.h"
#include "transcript/roster.h"
#include "util/atomic_file.h"
#include "util/time.h"
#include "util/version.h"

namespace kr::ceremony {
namespace {

std::string join_findings(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (!out.empty()) out += "\n";
    out += format_finding(f);
  }
  return out;
}

// Whether a share set must name the script's token. The key-backup set names the token whose
// keys it backs up, and restore-key runs on another token, so it is not checked.
enum class TokenCheck { script_token, none };

// The share set a quorum names, checked against the script before anything is written: the
// descriptor's roster must be the script's custodians, its threshold the script's, its token the
// script's token.
quorum::Descriptor load_share_set(const script::Script& script, const script::ShareSetRef& ref,
                                  const std::vector<std::string>& holders, const char* name,
                                  TokenCheck token_check = TokenCheck::script_token) {
  auto d = quorum::read_descriptor(ref.resolved);
  std::vector<Finding> findings;
  auto problem = [&](const std::string& message) {
    findings.push_back({ref.position, ref.resolved.string() + ": " + message});
  };
  if (d.threshold != ref.m || d.shares != ref.n)
    problem("the share set is " + std::to_string(d.threshold) + "-of-" + std::to_string(d.shares) +
            ", the script says " + std::to_string(ref.m) + "-of-" + std::to_string(ref.n));
  if (token_check == TokenCheck::script_token && d.token_label != script.token.label)
    problem("the share set belongs to token \"" + d.token_label + "\", the script's token is \"" +
            script.token.label + "\"");
  for (const auto& holder : holders)
    if (!d.find_custodian(holder))
      problem("\"" + holder + "\" holds no share of this " + std::string(name) + " share set");
  for (const auto& entry : d.custodians)
    if (std::find(holders.begin(), holders.end(), entry.custodian) == holders.end())
      problem("the share set's custodian \"" + entry.custodian + "\" is not in the script's roles");
  if (!findings.empty()) throw CheckFailed(std::move(findings));
  return d;
}

// SHA-256 of the running binary, so an auditor knows which build ran the ceremony.
std::string binary_sha256() {
  try {
    return ossl::sha256_file_hex("/proc/self/exe");
  } catch (const Error&) {
    return "unknown";
  }
}

nlohmann::ordered_json roster_of(const quorum::Descriptor& d) {
  transcript::Roster roster;
  roster.set_id = d.set_id;
  roster.m = static_cast<std::uint64_t>(d.threshold);
  roster.n = static_cast<std::uint64_t>(d.shares);
  for (const auto& c : d.custodians) roster.custodians[c.custodian] = c.custodian_public_key;
  return transcript::roster_json(roster);
}

transcript::Event started_event(const Context& ctx, const std::string& script_text,
                                const std::string& binary_hash,
                                const std::optional<quorum::Descriptor>& activation,
                                const std::optional<quorum::Descriptor>& recovery) {
  const auto& s = ctx.script;
  auto e = ctx.event(transcript::EventType::ceremony_started, nullptr);
  e.target = "ceremony:" + s.ceremony_id;
  e.cause = "kr-ceremony run " + s.file;
  e.inputs.push_back({s.file, ossl::sha256_hex(as_bytes(script_text))});
  e.details["ceremony"] = s.ceremony_id;
  e.details["description"] = s.description;
  e.details["test_ceremony"] = s.test_ceremony;
  e.details["tool_version"] = version();
  e.details["source_revision"] = source_revision();
  e.details["binary_sha256"] = binary_hash;
  e.details["system_time"] = format_utc(utc_now());
  e.details["attested_time"] = ctx.options.attested_time;
  e.details["module"] = pkcs11::resolve_module_path(s.token.module);
  e.details["token"] = {{"label", ctx.token.label},
                        {"serial", ctx.token.serial},
                        {"manufacturer", ctx.token.manufacturer},
                        {"model", ctx.token.model}};
  e.details["token_label"] = s.token.label;
  e.details["administrator"] = s.roles.administrator;
  e.details["internal_auditor"] = s.roles.internal_auditor;
  e.details["custodians"] = s.roles.custodians;
  if (activation) {
    e.details["roster"] = roster_of(*activation);
    // The recovery custodians' keys, so their key-backup approvals can be checked too.
    if (recovery) e.details["key_backup_roster"] = roster_of(*recovery);
  } else {
    e.details["quorum"] = "none: a test ceremony unlocks its token with one PIN";
  }
  e.details["output_dir"] = ctx.options.output_dir.string();
  if (!ctx.options.plan.tbs_sha256.empty())
    e.details["planned_steps"] = ctx.options.plan.tbs_sha256.size();
  e.details["script_file"] = s.file;
  e.details["script"] = script_text;
  return e;
}

}  // namespace

void open_session(Context& ctx) {
  ctx.session.emplace(ctx.module, ctx.token.slot, pkcs11::Access::read_write);
  auto e = ctx.event(transcript::EventType::token_opened, nullptr);
  e.target = "token:" + ctx.token.label;
  e.cause = ctx.script.quorum ? "session opened; each step logs in under its own quorum"
                              : "user login for the ceremony (test ceremony, one PIN)";
  e.details["manufacturer"] = ctx.token.manufacturer;
  e.details["model"] = ctx.token.model;
  e.details["serial"] = ctx.token.serial;
  ctx.log->append(e);
}

CheckFailed::CheckFailed(std::vector<Finding> findings)
    : Error(join_findings(findings)), findings_(std::move(findings)) {}

std::string format_finding(const Finding& f) {
  const auto& p = f.position;
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.path +
         ": " + f.message;
}

RunOptions resolve(const script::Script& script, RunOptions options) {
  if (options.profiles_dir.empty()) options.profiles_dir = profile::default_profiles_dir();
  if (options.log_path.empty())
    options.log_path = options.output_dir / (script.ceremony_id + ".events.jsonl");
  return options;
}

void check_offline(const script::Script& script, const RunOptions& options) {
  auto resolved = resolve(script, options);
  std::vector<Finding> findings;
  for (const auto& step : script.steps)
    handler_for(step).check_offline(script, step, resolved, findings);
  if (!findings.empty()) throw CheckFailed(std::move(findings));
}

RehearsalReport check_script(const script::Script& script, const RunOptions& options) {
  auto resolved = resolve(script, options);
  check_offline(script, resolved);
  return rehearse(script, resolved);
}

Prepared prepare(const script::Script& script, const RunOptions& options) {
  Prepared p;
  p.options = resolve(script, options);
  check_offline(script, p.options);
  // Before core dumps are disabled: a process that is not dumpable may not read /proc/self/exe.
  p.binary_hash = binary_sha256();
  if (script.quorum) {
    if (!p.options.presenters)
      throw UsageError("this ceremony runs under a quorum; custodians present their shares",
                       "run at a terminal, or name --share and --passphrase-file for a rehearsal");
    p.sets.activation =
        load_share_set(script, script.quorum->activation, script.roles.custodians, "activation");
    if (script.quorum->key_backup)
      p.sets.recovery =
          load_share_set(script, *script.quorum->key_backup, script.roles.recovery_custodians,
                         "key-backup", TokenCheck::none);
    disable_core_dumps();
  }
  const Bytes script_bytes = read_file(script.file);
  p.script_text.assign(script_bytes.begin(), script_bytes.end());
  return p;
}

void open_token(Context& ctx) {
  const auto& t = ctx.script.token;
  ctx.module = pkcs11::Module::load({t.module, t.init_params});
  ctx.token = pkcs11::find_token(*ctx.module, t.label);
}

void report_end(Context& ctx, RunStatus status) {
  print_summary(ctx, status);
  const auto& log = *ctx.log;
  ctx.out << "transcript: " << log.path().string() << " (" << log.size() << " lines)"
          << (status == RunStatus::paused ? ", paused: resumable" : "") << "\n";
  // The values for the paper log, in the order of the run-sheet's paper log page (one
  // definition: report/paper_log.h), read back from the transcript just closed.
  const auto transcript_path = log.path();
  ctx.out << report::paper_log_text(report::paper_log(ctx.script, &transcript_path));
}

RunStatus run_prepared(Context& ctx, const Prepared& p, const Secret& user_pin,
                       const Continuation& from) {
  report_stale_temporaries(ctx);
  InterruptGuard interrupts;
  try {
    open_session(ctx);
  } catch (const std::exception& err) {
    ctx.log->append(ceremony_failed_event(ctx, err.what()));
    // As when the first login fails: say so here, not only when the transcript is verified.
    ctx.out << "the transcript ends without a closing checkpoint: no session with the token\n";
    throw;
  }
  const RunStatus status = run_steps(ctx, p.sets, p.script_text, user_pin, from);
  report_end(ctx, status);
  return status;
}

RunStatus run_ceremony(const script::Script& script, const RunOptions& options,
                       const Secret& user_pin, std::ostream& out) {
  check_script(script, options);  // the whole script rehearsed with throwaway keys first
  Prepared p = prepare(script, options);
  std::filesystem::create_directories(p.options.output_dir);
  // A read-only or full output directory stops the run here, before the token is touched.
  if (auto problem = crl_state_write_problem(p.options.output_dir / ".keyrite-write-check");
      !problem.empty())
    throw Error("output directory " + p.options.output_dir.string() + ": " + problem,
                "give an --output-dir on a writable file system with free space");
  if (std::filesystem::exists(inventory_path(script, p.options)))
    throw Error(inventory_path(script, p.options).string() +
                ": already exists; keyrite never overwrites a file");

  Context ctx{script, p.options, out};
  open_token(ctx);
  transcript::EventLog log(p.options.log_path);
  ctx.log = &log;
  try {
    log.append(
        started_event(ctx, p.script_text, p.binary_hash, p.sets.activation, p.sets.recovery));
  } catch (...) {
    std::filesystem::remove(p.options.log_path);  // created empty a moment ago: leave nothing
    throw;
  }
  return run_prepared(ctx, p, user_pin, Continuation{});
}

}  // namespace kr::ceremony
