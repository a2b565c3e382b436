// kr-testpki: whole test PKI hierarchies for engineers, deterministic with --seed, with named
// defects for negative tests. Software keys only. The work is in lib/testpki.
#include <iostream>

#include "testpki/defects.h"
#include "testpki/generator.h"
#include "testpki/quick.h"
#include "testpki/spec_parser.h"
#include "tool_main.h"

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
      throw kr::UsageError("--reference-time: \"" + c.reference_time + "\" is not YYYY-MM-DDTHH:MM:SSZ");
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
                << (d.lint_options.empty() ? std::string_view("-") : d.lint_options) << '\t' << d.openssl
                << '\t' << d.certtool << '\n';
    else
      std::cout << d.name << ": " << d.what << " (kr-lint " << d.lint_id << ")\n";
  }
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
  q->add_option("--leaves", quick.leaves, "how many leaves (default 1)")->check(CLI::Range(1, 1000000));
  q->add_option("--dns", quick.dns, "the leaves' DNS names (default localhost, 127.0.0.1, ::1)");
  q->add_option("--key", quick.key, "RSA-2048, RSA-3072, RSA-4096, P-256, P-384 or P-521")
      ->capture_default_str();
  q->add_option("--pkcs12-password", quick.pkcs12_password, "password of the .p12 files")
      ->capture_default_str();

  std::string format = "text";
  auto* list = app.add_subcommand("defects", "list the defect catalogue");
  list->add_option("--format", format, "text or tsv")->check(CLI::IsMember({"text", "tsv"}));

  app.footer("Exit status: 0 success, 1 usage error, 2 any other error (a refused spec: every "
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
    return print_defects(format);
  });
}
