// The ceremony executor.
#include "ceremony/executor.h"

#include <algorithm>
#include <set>

#include "ceremony/checkpoints.h"
#include "ceremony/crl_state.h"
#include "ceremony/interrupt.h"
#include "ceremony/inventory.h"
#include "ceremony/presenters.h"
#include "ceremony/quorum_gate.h"
#include "ceremony/rehearsal.h"
#include "ceremony/signing_pipeline.h"
#include "ceremony/stale_files.h"
#include "ceremony/version.h"
#include "ossl/digest.h"
#include "pkcs11/audit_key.h"
#include "profile/profile.h"
#include "quorum/derive.h"
#include "report/paper_log.h"
#include "script/step_digest.h"
#include "transcript/roster.h"
#include "util/atomic_file.h"
#include "util/time.h"

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
    problem("the share set is " + std::to_string(d.threshold) + "-of-" +
            std::to_string(d.shares) + ", the script says " + std::to_string(ref.m) + "-of-" +
            std::to_string(ref.n));
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
  e.details["tool_version"] = kVersion;
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

void log_in(Context& ctx, const Secret& user_pin) {
  ctx.login.emplace(*ctx.session, pkcs11::UserType::user, user_pin);
  ctx.user_pin = &user_pin;
}

// Everything that holds the login goes before the logout: provider keys, then cached handles.
void log_out(Context& ctx) {
  ctx.signing_keys.clear();
  ctx.keys.clear();
  ctx.login.reset();
  ctx.user_pin = nullptr;
}

void check_on_token(Context& ctx) {
  std::vector<Finding> findings;
  for (const auto& step : ctx.script.steps) handler_for(step).check_on_token(ctx, step, findings);
  if (!findings.empty()) throw CheckFailed(std::move(findings));
  auto e = ctx.event(transcript::EventType::preflight_passed, nullptr);
  e.target = "token:" + ctx.token.label;
  e.cause = "every step checked before the token is changed";
  e.details["steps"] = ctx.script.steps.size();
  ctx.log->append(e);
}

void run_step(Context& ctx, const script::Step& step) {
  try {
    handler_for(step).run(ctx, step);
    settle_intents(ctx);
  } catch (const std::exception& err) {
    abandon_intents(ctx, step, err.what());
    auto e = ctx.event(transcript::EventType::step_failed, &step);
    e.outcome = transcript::Outcome::failure;
    e.target = std::string("step:") + step.id;
    e.cause = err.what();
    ctx.log->append(e);
    throw;
  }
}

// The last events of a run: finished or failed, then, while the token is still logged in, the
// closing checkpoint. Written once, whichever way the run ends.
struct Closing {
  Context& ctx;
  bool done = false;
  const std::vector<quorum::UnlockedShare>* cosigners = nullptr;  // the quorum present, if any

  void finish() {
    auto e = ctx.event(transcript::EventType::ceremony_finished, nullptr);
    e.target = "ceremony:" + ctx.script.ceremony_id;
    e.cause = "all steps completed";
    e.details["steps"] = ctx.script.steps.size();
    close(e);
  }
  void fail(const std::string& why) {
    if (done) return;
    auto e = ctx.event(transcript::EventType::ceremony_failed, nullptr);
    e.outcome = transcript::Outcome::failure;
    e.target = "ceremony:" + ctx.script.ceremony_id;
    e.cause = why;
    close(e);
  }
  void close(const transcript::Event& e) {
    done = true;
    ctx.log->append(e);
    if (!ctx.login) {
      ctx.out << "the transcript ends without a closing checkpoint: the token was not logged in\n";
      return;
    }
    static const std::vector<quorum::UnlockedShare> nobody;
    const auto& signers = cosigners ? *cosigners : nobody;
    std::string first_error;
    try {
      if (!write_checkpoint(ctx, signers))
        ctx.out << "no audit key (" << pkcs11::kAuditKeyLabel
                << ") on the token: the transcript is not signed\n";
      return;
    } catch (const std::exception& err) {
      first_error = err.what();
    }
    // The closing checkpoint failed: the ceremony is recorded as failed (after ceremony-finished
    // the verifier allows exactly this one line), and the checkpoint tried once more with the
    // audit key opened afresh. If that fails too, verify calls the end an "unsigned tail".
    const std::string why = "the closing checkpoint could not be signed: " + first_error;
    if (e.type == transcript::EventType::ceremony_finished) {
      auto failed = ctx.event(transcript::EventType::ceremony_failed, nullptr);
      failed.outcome = transcript::Outcome::failure;
      failed.target = "ceremony:" + ctx.script.ceremony_id;
      failed.cause = why;
      ctx.log->append(failed);
    }
    ctx.signing_keys.clear();
    ctx.keys.clear();
    try {
      write_checkpoint(ctx, signers);
      ctx.out << "the closing checkpoint was signed on a second try after: " << first_error << "\n";
    } catch (const std::exception& err) {
      ctx.out << "the closing checkpoint could not be signed (" << err.what()
              << "): the transcript ends with an unsigned tail\n";
    }
    if (e.type == transcript::EventType::ceremony_finished) throw Error(why);
  }
};

void run_with_pin(Context& ctx, const Secret& user_pin, Closing& closing) {
  log_in(ctx, user_pin);
  check_on_token(ctx);
  for (const auto& step : ctx.script.steps) {
    stop_if_interrupted();
    run_step(ctx, step);
  }
  closing.finish();
}

bool needs_recovery_quorum(const script::Step& step) {
  return std::holds_alternative<script::BackupKey>(step.body) ||
         std::holds_alternative<script::RestoreKey>(step.body);
}

// Names on `other`'s roster that are not on `own`'s: a rehearsal lists every share of both
// quorums, and a gate skips the other quorum's custodians instead of refusing them.
std::set<std::string> others(const quorum::Descriptor& own,
                             const std::optional<quorum::Descriptor>& other) {
  std::set<std::string> out;
  if (!other) return out;
  for (const auto& c : other->custodians)
    if (!own.find_custodian(c.custodian)) out.insert(c.custodian);
  return out;
}

// The KEK and SO PIN a backup-key or restore-key step gets, for the step only.
struct RecoveryGrant {
  Context& ctx;
  Secret kek;
  Secret so_pin;
  RecoveryGrant(Context& c, const Secret& recovery_secret, const Secret& activation_secret)
      : ctx(c),
        kek(quorum::derive_backup_kek(recovery_secret)),
        so_pin(quorum::derive_so_pin(activation_secret)) {
    ctx.backup_kek = &kek;
    ctx.so_pin = &so_pin;
  }
  ~RecoveryGrant() {
    ctx.backup_kek = nullptr;
    ctx.so_pin = nullptr;
  }
  RecoveryGrant(const RecoveryGrant&) = delete;
  RecoveryGrant& operator=(const RecoveryGrant&) = delete;
};

// Each step under its own quorum: approvals, login with the PIN derived from the rebuilt
// secret, the step, a checkpoint cosigned by the approving custodians, logout. The first login
// also runs the token checks, before anything on the token changes. backup-key and restore-key
// also need the recovery custodians' quorum ("key-backup"), which rebuilds the KEK.
void run_under_quorum(Context& ctx, const quorum::Descriptor& descriptor,
                      const std::optional<quorum::Descriptor>& recovery,
                      const std::string& script_text, Closing& closing) {
  QuorumGate gate("activation", descriptor, *ctx.options.presenters, others(descriptor, recovery));
  std::optional<QuorumGate> recovery_gate;
  if (recovery)
    recovery_gate.emplace("key-backup", *recovery, *ctx.options.presenters,
                          others(*recovery, descriptor));
  const auto& steps = ctx.script.steps;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& step = steps[i];
    const std::string step_sha256 = script::step_sha256(script_text, ctx.script, i);
    quorum::ApprovalRequest request{ctx.script.ceremony_id, step.id, step_sha256,
                                    ctx.log->root_hex(), ctx.log->size()};
    ActiveQuorum active = gate.approve(ctx, step, request);
    std::optional<ActiveQuorum> recovery_active;
    if (needs_recovery_quorum(step)) {
      if (!recovery_gate)  // the parser refuses such a script; never reached
        throw Error("step " + step.id + " needs the key-backup quorum, which the script lacks");
      quorum::ApprovalRequest recovery_request{ctx.script.ceremony_id, step.id, step_sha256,
                                               ctx.log->root_hex(), ctx.log->size()};
      recovery_active = recovery_gate->approve(ctx, step, recovery_request);
    }
    // The checkpoint after the step is cosigned by the activation custodians only: the
    // transcript's roster (line 0) is theirs, and the recovery approvals are events before it.
    std::optional<RecoveryGrant> grant;
    if (recovery_active) grant.emplace(ctx, recovery_active->secret, active.secret);
    const std::vector<quorum::UnlockedShare>* signers = &active.shares;
    const Secret pin = quorum::derive_user_pin(active.secret);
    log_in(ctx, pin);
    closing.cosigners = signers;
    try {
      stop_if_interrupted();  // a signal during the approvals: stop before the step changes anything
      if (i == 0) check_on_token(ctx);
      run_step(ctx, step);
      grant.reset();  // the KEK and SO PIN are the step's only
      // A signal during the step: stop now, while logged in, rather than after the next approvals.
      if (i + 1 < steps.size()) stop_if_interrupted();
      if (i + 1 == steps.size())
        closing.finish();
      else if (!write_checkpoint(ctx, *signers))
        throw Error("token \"" + ctx.token.label + "\" has no audit key (" +
                        pkcs11::kAuditKeyLabel + "); a quorum ceremony signs its transcript",
                    "set the token up with kr-token init --quorum, which makes one");
      else
        record_helper_retries(ctx, &step);  // a retry while signing the checkpoint: the next line
    } catch (const std::exception& err) {
      closing.fail(err.what());
      closing.cosigners = nullptr;
      log_out(ctx);
      throw;
    }
    closing.cosigners = nullptr;
    log_out(ctx);
  }
}

}  // namespace

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

void run_ceremony(const script::Script& script, const RunOptions& options, const Secret& user_pin,
                  std::ostream& out) {
  auto resolved = resolve(script, options);
  check_script(script, resolved);
  // Before core dumps are disabled: a process that is not dumpable may not read /proc/self/exe.
  const std::string binary_hash = binary_sha256();
  std::optional<quorum::Descriptor> activation;
  std::optional<quorum::Descriptor> recovery;
  if (script.quorum) {
    if (!resolved.presenters)
      throw UsageError("this ceremony runs under a quorum; custodians present their shares",
                       "run at a terminal, or name --share and --passphrase-file for a rehearsal");
    activation = load_share_set(script, script.quorum->activation, script.roles.custodians,
                                "activation");
    if (script.quorum->key_backup)
      recovery = load_share_set(script, *script.quorum->key_backup,
                                script.roles.recovery_custodians, "key-backup", TokenCheck::none);
    disable_core_dumps();
  }
  std::filesystem::create_directories(resolved.output_dir);
  // A read-only or full output directory stops the run here, before the token is touched.
  if (auto problem = crl_state_write_problem(resolved.output_dir / ".keyrite-write-check");
      !problem.empty())
    throw Error("output directory " + resolved.output_dir.string() + ": " + problem,
                "give an --output-dir on a writable file system with free space");
  if (std::filesystem::exists(inventory_path(script, resolved)))
    throw Error(inventory_path(script, resolved).string() +
                ": already exists; keyrite never overwrites a file");
  const Bytes script_bytes = read_file(script.file);
  const std::string script_text(script_bytes.begin(), script_bytes.end());

  Context ctx{script, resolved, out};
  const auto& t = script.token;
  ctx.module = pkcs11::Module::load({t.module, t.init_params});
  ctx.token = pkcs11::find_token(*ctx.module, t.label);

  transcript::EventLog log(resolved.log_path);
  ctx.log = &log;
  try {
    log.append(started_event(ctx, script_text, binary_hash, activation, recovery));
  } catch (...) {
    std::filesystem::remove(resolved.log_path);  // created empty a moment ago: leave nothing
    throw;
  }
  report_stale_temporaries(ctx);
  Closing closing{ctx};
  InterruptGuard interrupts;
  try {
    open_session(ctx);
    if (activation)
      run_under_quorum(ctx, *activation, recovery, script_text, closing);
    else
      run_with_pin(ctx, user_pin, closing);
  } catch (const std::exception& err) {
    closing.fail(err.what());
    throw;
  }
  out << "transcript: " << log.path().string() << " (" << log.size() << " lines)\n";
  // The values for the paper log, in the order of the run-sheet's paper log page (one
  // definition: report/paper_log.h), read back from the transcript just closed.
  const auto transcript_path = log.path();
  out << report::paper_log_text(report::paper_log(script, &transcript_path));
}

}  // namespace kr::ceremony
