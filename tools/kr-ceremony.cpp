// kr-ceremony: check, run or resume a ceremony script, plan it, or print its run-sheet.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include "ceremony/executor.h"
#include "ceremony/plan.h"
#include "ceremony/presenters.h"
#include "ceremony/resume.h"
#include "report/pdf.h"
#include "report/runsheet.h"
#include "report/templates.h"
#include "script/parser.h"
#include "tool_main.h"
#include "util/plural.h"

namespace {

struct Args {
  std::string script;
  std::string output_dir = ".";
  std::string log;
  std::string profiles;
  int pin_fd = -1;
  std::string tbs_dir;
  std::string plan;
  std::vector<std::string> shares;            // [NAME=]FILE, in the order custodians present
  std::vector<std::string> passphrase_files;  // NAME=FILE, repeatable: attempts in order
  std::vector<std::string> absent_from;       // STEP=NAME: a rehearsed absence
  std::string attested_time;
  std::string out, pdf;  // runsheet
  std::string audit_key;
  std::string adopt_key;
  std::string discard_key;
};

std::pair<std::string, std::string> split_assignment(const std::string& item,
                                                     const std::string& option) {
  const auto eq = item.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
    throw kr::UsageError(option + " \"" + item + "\": expected NAME=FILE");
  return {item.substr(0, eq), item.substr(eq + 1)};
}

// --share and --passphrase-file make a rehearsal; without them custodians use the terminal.
std::unique_ptr<kr::ceremony::Presenters> presenters(const Args& a,
                                                     const kr::script::Script& script) {
  if (a.shares.empty()) {
    if (!a.passphrase_files.empty() || !a.absent_from.empty())
      throw kr::UsageError(
          "--passphrase-file and --absent-from need --share: name each "
          "custodian's share file");
    return std::make_unique<kr::ceremony::TerminalPresenters>();
  }
  std::vector<kr::ceremony::Presentation> shares;
  for (const auto& item : a.shares) {
    // NAME=FILE, or FILE alone: the share file's header names its custodian.
    const auto eq = item.find('=');
    kr::ceremony::Presentation p{"", item};
    if (eq != std::string::npos && !std::filesystem::exists(item))
      p = {split_assignment(item, "--share").first, split_assignment(item, "--share").second};
    for (const auto& q : shares)
      if (!p.custodian.empty() && q.custodian == p.custodian)
        throw kr::UsageError("--share: " + p.custodian + " is named twice");
    shares.push_back(p);
  }
  std::map<std::string, std::vector<std::string>> files;
  for (const auto& item : a.passphrase_files) {
    auto [name, file] = split_assignment(item, "--passphrase-file");
    files[name].push_back(file);
  }
  std::map<std::string, std::string> absent;
  for (const auto& item : a.absent_from) {
    auto [step, name] = split_assignment(item, "--absent-from");
    const bool known = std::any_of(script.steps.begin(), script.steps.end(),
                                   [&](const auto& s) { return s.id == step; });
    if (!known) throw kr::UsageError("--absent-from " + item + ": the script has no step " + step);
    absent[name] = step;
  }
  std::vector<std::string> order;
  for (const auto& step : script.steps) order.push_back(step.id);
  return std::make_unique<kr::ceremony::RehearsalPresenters>(std::move(shares), std::move(files),
                                                             std::move(absent), std::move(order));
}

kr::ceremony::RunOptions options(const Args& a) {
  kr::ceremony::RunOptions o;
  o.output_dir = a.output_dir;
  o.log_path = a.log;
  o.profiles_dir = a.profiles;
  o.terminal = ::isatty(STDOUT_FILENO) == 1;
  return o;
}

kr::script::Script load(
    const Args& a, kr::script::ExistingOutputs existing = kr::script::ExistingOutputs::refused) {
  kr::script::ParseOptions parse;
  parse.output_dir = a.output_dir;
  parse.existing_outputs = existing;
  return kr::script::parse_script_file(a.script, parse);
}

int check(const Args& a) {
  auto script = load(a);
  auto report = kr::ceremony::check_script(script, options(a));
  std::cout << a.script << ": OK: ceremony " << script.ceremony_id << ", "
            << kr::count_of(script.steps.size(), "step") << ", token \"" << script.token.label
            << "\"\n";
  for (const auto& step : report.steps)
    if (!step.rehearsed)
      std::cout << "  step " << step.id << ": checked when the token is open (" << step.note
                << ")\n";
  return 0;
}

int status_of(kr::ceremony::RunStatus status) {
  return status == kr::ceremony::RunStatus::paused ? kr::kExitPaused : kr::kExitOk;
}

// run and resume alike: under a quorum the custodians present their shares (no PIN); a test
// ceremony without one reads its single PIN. `go` runs the ceremony with that PIN.
int with_custodians_or_pin(const Args& a, const kr::script::Script& script,
                           kr::ceremony::RunOptions& opts,
                           const std::function<kr::ceremony::RunStatus(const kr::Secret&)>& go) {
  if (script.quorum) {
    if (a.pin_fd >= 0)
      throw kr::UsageError("this ceremony runs under a quorum; its PIN comes from the custodians",
                           "leave out --pin-fd");
    auto custodians = presenters(a, script);
    opts.presenters = custodians.get();
    return status_of(go(kr::Secret()));
  }
  auto pin = kr::tools::read_pin(a.pin_fd, "user PIN for token \"" + script.token.label + "\"");
  return status_of(go(pin));
}

int run(const Args& a) {
  auto script = load(a);
  auto opts = options(a);
  if (!a.plan.empty()) kr::ceremony::load_plan(a.plan, script, opts);
  kr::ceremony::check_offline(script, opts);
  opts.attested_time = a.attested_time;
  if (!script.quorum && !a.shares.empty())
    throw kr::UsageError("--share: this script has no quorum (a test ceremony with one PIN)");
  return with_custodians_or_pin(a, script, opts, [&](const kr::Secret& pin) {
    return kr::ceremony::run_ceremony(script, opts, pin, std::cout);
  });
}

int resume(const Args& a) {
  auto script = load(a, kr::script::ExistingOutputs::allowed);
  auto opts = options(a);
  opts.attested_time = a.attested_time;
  kr::ceremony::ResumeOptions r;
  r.transcript = a.log;
  r.audit_key = a.audit_key;
  r.adopt_key = a.adopt_key;
  r.discard_key = a.discard_key;
  if (!a.adopt_key.empty() && !a.discard_key.empty())
    throw kr::UsageError("--adopt-key and --discard-key: choose one");
  return with_custodians_or_pin(a, script, opts, [&](const kr::Secret& pin) {
    return kr::ceremony::resume_ceremony(script, opts, r, pin, std::cout);
  });
}

int plan(const Args& a) {
  auto script = load(a);
  if (script.quorum) {  // nobody holds the PIN; public key objects need none
    if (a.pin_fd >= 0)
      throw kr::UsageError("this ceremony runs under a quorum; its plan needs no PIN",
                           "leave out --pin-fd");
    kr::ceremony::plan_ceremony(script, options(a), a.tbs_dir, nullptr, std::cout);
    return 0;
  }
  auto pin = kr::tools::read_pin(a.pin_fd, "user PIN for token \"" + script.token.label + "\"");
  kr::ceremony::plan_ceremony(script, options(a), a.tbs_dir, &pin, std::cout);
  return 0;
}

// The printed run-sheet: checked like a run (a sheet for a script that cannot run would mislead),
// with the plan's to-be-signed digests when one is given.
int runsheet(const Args& a) {
  auto script = load(a);
  auto opts = options(a);
  kr::ceremony::check_offline(script, opts);
  kr::report::RunSheetPlan plan;
  if (!a.plan.empty()) {
    kr::ceremony::load_plan(a.plan, script, opts);
    plan.file = a.plan;
    plan.tbs_sha256 = opts.plan.tbs_sha256;
  }
  const auto model = kr::report::runsheet_model(script, plan);
  kr::report::write_document(
      kr::report::render_runsheet(model, kr::report::default_templates_dir()), a.out, a.pdf);
  std::cout << "run-sheet for " << script.ceremony_id << " ("
            << kr::count_of(script.steps.size(), "step") << ") written to " << a.out
            << (a.pdf.empty() ? "" : ", PDF " + a.pdf) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-ceremony: check and run keyrite ceremony scripts"};
  app.require_subcommand(1);
  Args args;
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("SCRIPT", args.script, "ceremony script (YAML)")->required();
    cmd->add_option("--output-dir", args.output_dir, "where outputs are written")
        ->capture_default_str();
    cmd->add_option("--profiles", args.profiles,
                    "profiles directory (default: templates/profiles)");
  };
  auto* check_cmd = app.add_subcommand("check", "validate a script without touching the token");
  add_common(check_cmd);
  auto add_presenters = [&](CLI::App* cmd) {
    cmd->add_option("--pin-fd", args.pin_fd, "read the user PIN from this file descriptor");
    cmd->add_option("--share", args.shares,
                    "rehearsal: [NAME=]FILE, a custodian's share file (or a directory holding "
                    "it), in presentation order; the file's header names its custodian");
    cmd->add_option("--passphrase-file", args.passphrase_files,
                    "rehearsal: NAME=FILE (mode 0600), tried in order; never a passphrase itself");
    cmd->add_option("--absent-from", args.absent_from,
                    "rehearsal: STEP=NAME, the custodian confirms no step from STEP on");
    cmd->add_option("--attested-time", args.attested_time,
                    "the time on the reference clock, as the operator reads it (CPS 5.5.5)");
  };
  auto* run_cmd = app.add_subcommand("run", "run a script against its token");
  add_common(run_cmd);
  run_cmd->add_option("--log", args.log, "event log (default: OUTPUT_DIR/CEREMONY.events.jsonl)");
  run_cmd->add_option("--plan", args.plan, "sign only what this plan.json says (kr-ceremony plan)");
  add_presenters(run_cmd);
  auto* resume_cmd =
      app.add_subcommand("resume", "continue a paused or interrupted ceremony from its transcript");
  add_common(resume_cmd);
  resume_cmd->add_option("--log", args.log, "the ceremony's transcript, continued in place")
      ->required();
  resume_cmd->add_option("--audit-key", args.audit_key,
                         "the audit key's public key (default: SHARE-SET.audit-key.pem)");
  resume_cmd->add_option("--adopt-key", args.adopt_key,
                         "LABEL: record the key an interrupted step made as that step's key");
  resume_cmd->add_option("--discard-key", args.discard_key,
                         "LABEL: destroy the key an interrupted step made; the step runs again");
  add_presenters(resume_cmd);
  auto* plan_cmd = app.add_subcommand(
      "plan", "write the exact to-be-signed DER of every step already known, for witnesses");
  add_common(plan_cmd);
  plan_cmd->add_option("--tbs-dir", args.tbs_dir, "where STEP.tbs.der and plan.json go")
      ->required();
  plan_cmd->add_option("--pin-fd", args.pin_fd, "read the user PIN from this file descriptor");
  auto* sheet_cmd =
      app.add_subcommand("runsheet", "write the printable run-sheet (HTML, optionally PDF)");
  add_common(sheet_cmd);
  sheet_cmd->add_option("--out", args.out, "the HTML file to write (never overwritten)")
      ->required();
  sheet_cmd->add_option("--plan", args.plan,
                        "plan.json from kr-ceremony plan: adds each step's to-be-signed SHA-256");
  sheet_cmd->add_option("--pdf", args.pdf, "also print it to this PDF with headless Chromium");
  return kr::tools::parse_and_run(app, argc, argv, "kr-ceremony", [&] {
    if (check_cmd->parsed()) return check(args);
    if (sheet_cmd->parsed()) return runsheet(args);
    if (resume_cmd->parsed()) return resume(args);
    return plan_cmd->parsed() ? plan(args) : run(args);
  });
}
