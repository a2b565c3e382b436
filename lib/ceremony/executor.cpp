// The ceremony executor.
#include "ceremony/executor.h"

#include "ceremony/inventory.h"
#include "ceremony/version.h"
#include "ossl/digest.h"
#include "profile/profile.h"
#include "util/atomic_file.h"

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

transcript::Event started_event(const Context& ctx) {
  const auto& s = ctx.script;
  auto e = ctx.event(transcript::EventType::ceremony_started, nullptr);
  e.target = "ceremony:" + s.ceremony_id;
  e.cause = "kr-ceremony run " + s.file;
  e.inputs.push_back({s.file, ossl::sha256_file_hex(s.file)});
  e.details["ceremony"] = s.ceremony_id;
  e.details["description"] = s.description;
  e.details["tool_version"] = kVersion;
  e.details["module"] = pkcs11::resolve_module_path(s.token.module);
  e.details["token_label"] = s.token.label;
  e.details["administrator"] = s.roles.administrator;
  e.details["internal_auditor"] = s.roles.internal_auditor;
  e.details["custodians"] = s.roles.custodians;
  e.details["output_dir"] = ctx.options.output_dir.string();
  if (!ctx.options.plan.tbs_sha256.empty())
    e.details["planned_steps"] = ctx.options.plan.tbs_sha256.size();
  return e;
}

void open_token(Context& ctx, const Secret& user_pin) {
  const auto& t = ctx.script.token;
  ctx.module = pkcs11::Module::load({t.module, t.init_params});
  ctx.token = pkcs11::find_token(*ctx.module, t.label);
  ctx.session.emplace(ctx.module, ctx.token.slot, pkcs11::Access::read_write);
  ctx.login.emplace(*ctx.session, pkcs11::UserType::user, user_pin);
  ctx.user_pin = &user_pin;

  auto e = ctx.event(transcript::EventType::token_opened, nullptr);
  e.target = "token:" + ctx.token.label;
  e.cause = "user login for the ceremony";
  e.details["manufacturer"] = ctx.token.manufacturer;
  e.details["model"] = ctx.token.model;
  e.details["serial"] = ctx.token.serial;
  ctx.log->append(e);
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
  } catch (const std::exception& err) {
    auto e = ctx.event(transcript::EventType::step_failed, &step);
    e.outcome = transcript::Outcome::failure;
    e.target = std::string("step:") + step.id;
    e.cause = err.what();
    ctx.log->append(e);
    throw;
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

void run_ceremony(const script::Script& script, const RunOptions& options, const Secret& user_pin,
                  std::ostream& out) {
  auto resolved = resolve(script, options);
  check_offline(script, resolved);
  std::filesystem::create_directories(resolved.output_dir);
  if (std::filesystem::exists(inventory_path(script, resolved)))
    throw Error(inventory_path(script, resolved).string() +
                ": already exists; keyrite never overwrites a file");

  transcript::EventLog log(resolved.log_path);
  Context ctx{script, resolved, out};
  ctx.log = &log;
  log.append(started_event(ctx));
  try {
    open_token(ctx, user_pin);
    check_on_token(ctx);
    for (const auto& step : script.steps) run_step(ctx, step);
  } catch (const std::exception& err) {
    auto e = ctx.event(transcript::EventType::ceremony_failed, nullptr);
    e.outcome = transcript::Outcome::failure;
    e.target = "ceremony:" + script.ceremony_id;
    e.cause = err.what();
    log.append(e);
    throw;
  }
  auto e = ctx.event(transcript::EventType::ceremony_finished, nullptr);
  e.target = "ceremony:" + script.ceremony_id;
  e.cause = "all steps completed";
  e.details["steps"] = script.steps.size();
  log.append(e);
  out << "event log: " << log.path().string() << " (" << log.size() << " events)\n";
}

}  // namespace kr::ceremony
