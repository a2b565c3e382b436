// The run loop: approvals, login, step, checkpoint, logout; the pause; the closing events.
#include "ceremony/run_loop.h"

#include <set>

#include "ceremony/checkpoints.h"
#include "ceremony/executor.h"
#include "ceremony/intent.h"
#include "ceremony/interrupt.h"
#include "ceremony/quorum_gate.h"
#include "ceremony/signing_pipeline.h"
#include "ceremony/step_registry.h"
#include "ceremony/step_screen.h"
#include "pkcs11/audit_key.h"
#include "pkcs11/rv.h"
#include "provider/helper_runtime.h"
#include "quorum/derive.h"
#include "script/step_digest.h"
#include "util/shell_word.h"

namespace kr::ceremony {
namespace {

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

void check_on_token(Context& ctx, const Continuation& from) {
  std::vector<Finding> findings;
  const auto& steps = ctx.script.steps;
  for (std::size_t i = from.first_step; i < steps.size(); ++i)
    if (i != from.skip_token_check) handler_for(steps[i]).check_on_token(ctx, steps[i], findings);
  if (!findings.empty()) throw CheckFailed(std::move(findings));
  auto e = ctx.event(transcript::EventType::preflight_passed, nullptr);
  e.target = "token:" + ctx.token.label;
  e.cause = "every step checked before the token is changed";
  e.details["steps"] = steps.size() - from.first_step;
  ctx.log->append(e);
}

void first_login_checks(Context& ctx, const Continuation& from) {
  if (from.after_first_login) from.after_first_login(ctx);
  check_on_token(ctx, from);
}

void run_step(Context& ctx, const script::Step& step, const Continuation& from) {
  try {
    if (!from.run_instead || !from.run_instead(ctx, step)) handler_for(step).run(ctx, step);
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

// No line may follow the closing checkpoint, so a retry pkcs11-helper made while signing it is
// told to the room instead (for the paper log), never silently dropped.
void report_closing_retries(Context& ctx) {
  for (const auto& note : provider::take_helper_notes())
    if (note.retried)
      ctx.out
          << "the closing checkpoint was signed after a retry: pkcs11-helper logged in again and "
          << "repeated " << note.function << " after " << pkcs11::rv_name(note.rv)
          << " (the transcript cannot record it after its closing checkpoint)\n";
}

// The last events of a run: finished, failed or paused, then, while the token is still logged
// in, the closing checkpoint. Written once, whichever way the run ends.
struct Closing {
  Context& ctx;
  bool done = false;
  const std::vector<const quorum::UnlockedShare*>* cosigners = nullptr;  // the quorum present

  void finish() {
    auto e = ctx.event(transcript::EventType::ceremony_finished, nullptr);
    e.target = "ceremony:" + ctx.script.ceremony_id;
    e.cause = "all steps completed";
    e.details["steps"] = ctx.script.steps.size();
    close(e);
  }
  void fail(const std::string& why) {
    if (done) return;
    close(ceremony_failed_event(ctx, why));
  }
  void close(const transcript::Event& e) {
    done = true;
    ctx.log->append(e);
    if (!ctx.login) {
      ctx.out << "the transcript ends without a closing checkpoint: the token was not logged in\n";
      return;
    }
    static const std::vector<const quorum::UnlockedShare*> nobody;
    const auto& signers = cosigners ? *cosigners : nobody;
    std::string first_error;
    try {
      if (!write_checkpoint(ctx, signers))
        ctx.out << "no audit key (" << pkcs11::kAuditKeyLabel
                << ") on the token: the transcript is not signed\n";
      report_closing_retries(ctx);
      return;
    } catch (const std::exception& err) {
      first_error = err.what();
    }
    // The closing checkpoint failed: the ceremony is recorded as failed (after ceremony-finished
    // the verifier allows exactly this one line), and the checkpoint tried once more with the
    // audit key opened afresh, looked up in a new session: the run's session may hold an
    // operation a failed call left active (a failed C_FindObjectsFinal leaves the search open,
    // and every later C_FindObjectsInit on it gets CKR_OPERATION_ACTIVE). The login is the
    // application's, so the new session is logged in too. If that fails as well, verify calls
    // the end an "unsigned tail".
    const std::string why = "the closing checkpoint could not be signed: " + first_error;
    if (e.type == transcript::EventType::ceremony_finished)
      ctx.log->append(ceremony_failed_event(ctx, why));
    ctx.signing_keys.clear();
    ctx.keys.clear();
    try {
      pkcs11::Session fresh(ctx.module, ctx.token.slot, pkcs11::Access::read_only);
      write_checkpoint(ctx, signers, &fresh);
      ctx.out << "the closing checkpoint was signed on a second try after: " << first_error << "\n";
      report_closing_retries(ctx);
    } catch (const std::exception& err) {
      ctx.out << "the closing checkpoint could not be signed (" << err.what()
              << "): the transcript ends with an unsigned tail\n";
    }
    if (e.type == transcript::EventType::ceremony_finished) throw Error(why);
  }
};

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

// Too few custodians for step `index`: ceremony-paused, sealed by a checkpoint the audit key
// signs when the shares opened earlier in this run can still log in (cosigned by those present).
void pause(Context& ctx, std::size_t index, const std::string& quorum_name, const Secret* secret,
           const std::vector<const quorum::UnlockedShare*>& present, Closing& closing) {
  const auto& step = ctx.script.steps[index];
  auto e = ctx.event(transcript::EventType::ceremony_paused, nullptr);
  e.target = "ceremony:" + ctx.script.ceremony_id;
  e.cause =
      "too few " + quorum_name + " custodians present to approve step " + step.id + "; resumable";
  e.details["next_step"] = step.id;
  e.details["next_step_number"] = index + 1;
  e.details["steps"] = ctx.script.steps.size();
  e.details["steps_completed"] = index;
  e.details["resume"] = resume_command(ctx);
  std::optional<Secret> pin;
  if (secret) {
    pin.emplace(quorum::derive_user_pin(*secret));
    log_in(ctx, *pin);
  }
  closing.cosigners = &present;
  closing.close(e);
  closing.cosigners = nullptr;
  if (ctx.login) log_out(ctx);
  ctx.out << "\nceremony paused before step " << index + 1 << " of " << ctx.script.steps.size()
          << " (" << step.id << "): too few custodians present. Nothing was done for this step.\n"
          << "to continue: " << resume_command(ctx) << "\n";
}

RunStatus run_with_pin(Context& ctx, const Secret& user_pin, const Continuation& from,
                       Closing& closing) {
  log_in(ctx, user_pin);
  first_login_checks(ctx, from);
  for (std::size_t i = from.first_step; i < ctx.script.steps.size(); ++i) {
    stop_if_interrupted();
    run_step(ctx, ctx.script.steps[i], from);
  }
  closing.finish();
  return RunStatus::finished;
}

// A resumed ceremony whose steps are all done (its close was lost to a crash or a token failure):
// the custodians open their shares for the closing checkpoint only, which they cosign.
RunStatus close_under_quorum(Context& ctx, QuorumGate& gate, Closing& closing) {
  auto opened = gate.open_for_closing(ctx, ctx.script.steps.back());
  if (!opened)
    throw Error("too few custodians opened their shares to sign the closing checkpoint",
                "every step is done and recorded; resume again when enough custodians are present");
  const Secret pin = quorum::derive_user_pin(opened->secret);
  log_in(ctx, pin);
  closing.cosigners = &opened->cosigners;
  try {
    closing.finish();
  } catch (...) {
    closing.cosigners = nullptr;
    log_out(ctx);
    throw;
  }
  closing.cosigners = nullptr;
  log_out(ctx);
  return RunStatus::finished;
}

RunStatus run_under_quorum(Context& ctx, const ShareSets& sets, const std::string& script_text,
                           const Continuation& from, Closing& closing) {
  const auto& descriptor = *sets.activation;
  const auto unlock = ctx.script.quorum->unlock;
  QuorumGate gate("activation", descriptor, *ctx.options.presenters, unlock,
                  others(descriptor, sets.recovery));
  std::optional<QuorumGate> recovery_gate;
  if (sets.recovery)
    recovery_gate.emplace("key-backup", *sets.recovery, *ctx.options.presenters, unlock,
                          others(*sets.recovery, descriptor));
  const auto& steps = ctx.script.steps;
  if (from.first_step == steps.size()) return close_under_quorum(ctx, gate, closing);
  bool first_login = true;
  for (std::size_t i = from.first_step; i < steps.size(); ++i) {
    const auto& step = steps[i];
    const std::string step_sha256 = script::step_sha256(script_text, ctx.script, i);
    const std::string word = confirmation_word(step_sha256);
    ctx.out << step_screen(ctx.script, i, step_sha256,
                           unlock == script::Unlock::once ? word : std::string())
            << std::flush;
    quorum::ApprovalRequest request{ctx.script.ceremony_id, step.id, step_sha256,
                                    ctx.log->root_hex(), ctx.log->size()};
    auto active = gate.approve(ctx, step, request, word);
    if (!active) {
      auto closing_quorum = gate.closing();
      pause(
          ctx, i, "activation", closing_quorum ? &closing_quorum->secret : nullptr,
          closing_quorum ? closing_quorum->cosigners : std::vector<const quorum::UnlockedShare*>{},
          closing);
      return RunStatus::paused;
    }
    std::optional<ActiveQuorum> recovery_active;
    if (needs_recovery_quorum(step)) {
      if (!recovery_gate)  // the parser refuses such a script; never reached
        throw Error("step " + step.id + " needs the key-backup quorum, which the script lacks");
      quorum::ApprovalRequest recovery_request{ctx.script.ceremony_id, step.id, step_sha256,
                                               ctx.log->root_hex(), ctx.log->size()};
      recovery_active = recovery_gate->approve(ctx, step, recovery_request, word);
      if (!recovery_active) {
        pause(ctx, i, "key-backup", &active->secret, active->shares, closing);
        return RunStatus::paused;
      }
    }
    // The checkpoint after the step is cosigned by the activation custodians only: the
    // transcript's roster (line 0) is theirs, and the recovery approvals are events before it.
    std::optional<RecoveryGrant> grant;
    if (recovery_active) grant.emplace(ctx, recovery_active->secret, active->secret);
    const auto* signers = &active->shares;
    const Secret pin = quorum::derive_user_pin(active->secret);
    log_in(ctx, pin);
    closing.cosigners = signers;
    try {
      stop_if_interrupted();  // a signal during the approvals: stop before the step changes
                              // anything
      if (first_login) first_login_checks(ctx, from);
      first_login = false;
      run_step(ctx, step, from);
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
  return RunStatus::finished;
}

}  // namespace

transcript::Event ceremony_failed_event(Context& ctx, const std::string& why) {
  auto e = ctx.event(transcript::EventType::ceremony_failed, nullptr);
  e.outcome = transcript::Outcome::failure;
  e.target = "ceremony:" + ctx.script.ceremony_id;
  e.cause = why;
  return e;
}

// Printed for the operator to paste and recorded in ceremony-paused: every path one shell word,
// whatever spaces or apostrophes the room's directories have.
std::string resume_command(const Context& ctx) {
  return "kr-ceremony resume " + shell_word(ctx.script.file) + " --log " +
         shell_word(ctx.log->path().string()) +
         (ctx.options.output_dir != "."
              ? " --output-dir " + shell_word(ctx.options.output_dir.string())
              : "");
}

RunStatus run_steps(Context& ctx, const ShareSets& sets, const std::string& script_text,
                    const Secret& user_pin, const Continuation& from) {
  Closing closing{ctx};
  try {
    if (sets.activation) return run_under_quorum(ctx, sets, script_text, from, closing);
    return run_with_pin(ctx, user_pin, from, closing);
  } catch (const std::exception& err) {
    closing.fail(err.what());
    throw;
  }
}

}  // namespace kr::ceremony
