// kr-testpki: whole test PKI hierarchies for engineers, deterministic with --seed, with named
// defects for negative tests. Software keys only. The work is in lib/testpki.
#include <stdlib.h>

#include <iostream>

#include "ceremony/executor.h"
#include "ossl/digest.h"
#include "script/parser.h"
#include "testpki/defects.h"
#include "testpki/generator.h"
#include "testpki/quick.h"
#include "testpki/rehearsal_layout.h"
#include "testpki/spec_parser.h"
#include "tool_main.h"
#include "util/atomic_file.h"
#include "util/plural.h"

namespace {

using namespace kr::testpki;

struct Common {
  std::string out;
  std::string seed;
  std::string reference_time;
  unsigned jobs = 0;
};

GenerateOptions options_of(const Common& c, CLI::App& cmd) {
  GenerateOptions o;
  o.out = c.out;
  if (cmd.count("--seed")) o.seed = c.seed;
  if (!c.reference_time.empty()) {
    o.reference_time = kr::parse_utc(c.reference_time);
    if (!o.reference_time)
      throw kr::UsageError("--reference-time: \"" + c.reference_time +
                           "\" is not YYYY-MM-DDTHH:MM:SSZ");
  }
  o.jobs = c.jobs;
  return o;
}

int report(const GenerateResult& r, const GenerateOptions& o) {
  std::cout << "kr-testpki: " << r.certificates << " certificates, " << r.files << " files in "
            << o.out.string() << " (reference time " << kr::format_utc(r.reference) << ", "
            << r.workers << (r.workers == 1 ? " worker" : " workers")
            << (o.seed ? ", deterministic" : "") << ")\n";
  return 0;
}

void add_common(CLI::App* cmd, Common& c) {
  cmd->add_option("--out", c.out, "output directory: new or empty")->required();
  cmd->add_option("--seed", c.seed, "derive every random byte from this text: identical output");
  cmd->add_option("--reference-time", c.reference_time,
                  "the time relative validities count from (default: the spec's, else now; with "
                  "--seed, today 00:00:00Z)");
  cmd->add_option("--jobs", c.jobs, "worker threads (default: one per core)");
}

int print_defects(const std::string& format) {
  for (const auto& d : defects()) {
    if (format == "tsv")  // "-" for an empty field: read -r with IFS=tab would merge two tabs
      std::cout << d.name << '\t' << (d.target == DefectTarget::ca ? "ca" : "leaf") << '\t'
                << d.lint_id << '\t' << d.lint_on << '\t'
                << (d.lint_options.empty() ? std::string_view("-") : d.lint_options) << '\t'
                << d.openssl << '\t' << d.certtool << '\n';
    else
      std::cout << d.name << ": " << d.what << " (kr-lint " << d.lint_id << ")\n";
  }
  return 0;
}

// rehearse: the ceremony code's own rehearsal (kr-ceremony check's: every step with throwaway
// software keys, the token never opened) into a private directory, then laid out as testpki
// lays out a hierarchy. The two libraries stay apart; this is the only place they meet.
struct RehearseArgs {
  std::string script;
  std::string out;
  std::string output_dir = ".";
  std::string profiles;
};

int rehearse(const RehearseArgs& a) {
  namespace fs = std::filesystem;
  if (fs::exists(a.out) && (!fs::is_directory(a.out) || !fs::is_empty(a.out)))
    throw kr::UsageError(a.out + " is not empty; kr-testpki never overwrites",
                         "name a new directory, or empty this one");
  kr::script::ParseOptions parse;
  parse.output_dir = a.output_dir;
  auto script = kr::script::parse_script_file(a.script, parse);
  kr::ceremony::RunOptions options;
  options.output_dir = a.output_dir;
  options.profiles_dir = a.profiles;
  options = kr::ceremony::resolve(script, options);
  kr::ceremony::check_offline(script, options);

  std::string pattern = (fs::temp_directory_path() / "kr-testpki-rehearse-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw kr::Error("cannot make a directory for the rehearsal");
  struct Remove {
    fs::path dir;
    ~Remove() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } staging{pattern};
  kr::ceremony::RehearsalOptions r;
  r.out_dir = staging.dir;
  auto report = kr::ceremony::rehearse(script, options, r);

  RehearsedScript info{
      a.script, kr::ossl::sha256_hex(kr::read_file(a.script)), script.ceremony_id, {}};
  std::size_t skipped = 0;
  for (const auto& step : report.steps) {
    info.steps.push_back({step.id, step.rehearsed, step.note, step.stand_in_signers});
    if (!step.rehearsed) ++skipped;
  }
  auto layout = write_rehearsal_layout(staging.dir, a.out, info);
  std::cout << "kr-testpki: REHEARSAL of ceremony " << script.ceremony_id << ": "
            << kr::count_of(layout.certificates, "certificate") << ", "
            << kr::count_of(layout.crls, "CRL") << ", "
            << kr::count_of(layout.ocsp_responses, "OCSP response") << ", "
            << kr::count_of(layout.csrs, "CSR") << ", " << kr::count_of(layout.files, "file")
            << " in " << a.out << "\n"
            << "kr-testpki: " << kRehearsalWarning << "\n";
  for (const auto& step : report.steps) {
    if (!step.rehearsed)
      std::cout << "  step " << step.id << ": not rehearsed (" << step.note << ")\n";
    for (const auto& key : step.stand_in_signers)
      std::cout << "  step " << step.id << ": key \"" << key
                << "\" is already on the token; a stand-in signed, so its signatures do not "
                   "verify against the real issuer\n";
  }
  if (skipped)
    std::cout << "  " << kr::count_of(skipped, "step") << " checked only when the token is open\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-testpki: test PKI hierarchies (software keys only), deterministic with --seed"};
  app.require_subcommand(1);

  Common gen_common;
  std::string spec_file;
  auto* gen = app.add_subcommand("generate", "make the hierarchy a spec describes");
  gen->add_option("SPEC", spec_file, "the hierarchy spec (YAML)")->required();
  add_common(gen, gen_common);

  Common quick_common;
  QuickOptions quick;
  auto* q = app.add_subcommand("quick", "a root, an intermediate and N TLS leaves, no spec needed");
  add_common(q, quick_common);
  q->add_option("--leaves", quick.leaves, "how many leaves (default 1)")
      ->check(CLI::Range(1, 1000000));
  q->add_option("--dns", quick.dns, "the leaves' DNS names (default localhost, 127.0.0.1, ::1)");
  q->add_option("--key", quick.key, "RSA-2048, RSA-3072, RSA-4096, P-256, P-384 or P-521")
      ->capture_default_str();
  q->add_option("--pkcs12-password", quick.pkcs12_password, "password of the .p12 files")
      ->capture_default_str();

  std::string format = "text";
  auto* list = app.add_subcommand("defects", "list the defect catalogue");
  list->add_option("--format", format, "text or tsv")->check(CLI::IsMember({"text", "tsv"}));

  RehearseArgs reh_args;
  auto* reh = app.add_subcommand(
      "rehearse", "run a ceremony script with throwaway software keys; lay out every artifact");
  reh->add_option("SCRIPT", reh_args.script, "the ceremony script (keyrite-script(5))")->required();
  reh->add_option("--out", reh_args.out, "where the rehearsal's artifacts go: new or empty")
      ->required();
  reh->add_option("--output-dir", reh_args.output_dir,
                  "the ceremony's own output directory, where its existing inputs are read "
                  "(default: the current directory, as kr-ceremony); nothing is written there")
      ->capture_default_str();
  reh->add_option("--profiles", reh_args.profiles,
                  "profile directory (default: the installed ones)");

  app.footer(
      "Exit status: 0 success, 1 usage error, 2 any other error (a refused spec: every "
      "problem as FILE:LINE:COLUMN: path: message, and nothing written).");
  return kr::tools::parse_and_run(app, argc, argv, "kr-testpki", [&] {
    if (*gen) {
      auto o = options_of(gen_common, *gen);
      return report(generate(parse_spec_file(spec_file), o), o);
    }
    if (*q) {
      auto o = options_of(quick_common, *q);
      return report(generate(parse_spec_text(quick_spec_text(quick), "(quick)"), o), o);
    }
    if (*reh) return rehearse(reh_args);
    return print_defects(format);
  });
}
