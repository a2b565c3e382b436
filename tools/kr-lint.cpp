// kr-lint: lint certificates, CRLs, CSRs and OCSP responses (PEM or DER, bundles too) against a
// profile and RFC 5280. lib/lint/README.md documents the output, every lint id and the exit
// statuses; the work happens in lib/lint.
#include "lint/linter.h"
#include "lint/report.h"
#include "tool_main.h"

namespace {

struct Args {
  std::vector<std::string> files;
  std::string profile;
  std::string issuer;
  std::string format = "text";
  std::string profiles;
  std::string at;
  std::vector<std::string> crls;
  std::string profile_set;
};

int lint(const Args& a) {
  kr::ossl::X509Ptr issuer;
  if (!a.issuer.empty()) issuer = kr::lint::read_issuer(a.issuer);  // unreadable: exit 2
  kr::lint::StatusOptions status;
  if (!a.at.empty()) {
    status.at = a.at == "now" ? kr::utc_now() : kr::parse_utc(a.at).value_or(kr::UtcTime{});
    if (a.at != "now" && !kr::parse_utc(a.at))
      throw kr::UsageError("--at: \"" + a.at + "\" is not YYYY-MM-DDTHH:MM:SSZ or now");
  }
  std::vector<kr::ossl::X509CrlPtr> crls;
  for (const auto& file : a.crls) {
    auto artifacts = kr::lint::read_artifacts(kr::lint::read_input(file));
    for (auto& artifact : artifacts)
      if (artifact.crl) crls.push_back(std::move(artifact.crl));
    if (crls.empty()) throw kr::Error("--crl " + file + ": no CRL in it");
  }
  for (const auto& crl : crls) status.crls.push_back(crl.get());
  // An unknown --profile or --profile-set: exit 1.
  kr::lint::Linter linter({a.profile, a.profiles, issuer.get(), status, a.profile_set});
  std::vector<kr::lint::Result> results = linter.lint_files(a.files);
  std::cout << (a.format == "json" ? kr::lint::render_json(results)
                                   : kr::lint::render_text(results));
  std::cout.flush();
  for (const auto& line : kr::lint::error_lines(results))
    std::cerr << "kr-lint: error: " << line << "\n";
  return kr::lint::exit_status(results);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-lint: lint certificates, CRLs, CSRs and OCSP responses (PEM or DER)"};
  Args args;
  app.add_option("FILE", args.files, "files to lint; \"-\" reads standard input")->required();
  app.add_option("--profile", args.profile,
                 "lint against this profile (default: chosen from each artifact)");
  app.add_option("--issuer", args.issuer, "the issuing CA's certificate (PEM or DER)");
  app.add_option("--format", args.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--profiles", args.profiles, "profiles directory (default: templates/profiles)");
  app.add_option("--at", args.at,
                 "also judge certificates' validity at this time (YYYY-MM-DDTHH:MM:SSZ or now)");
  app.add_option("--crl", args.crls, "also look certificates up in these CRLs of their issuer");
  app.add_option("--profile-set", args.profile_set,
                 "profile set: cps (the profiles directory itself, the default) or a folder in "
                 "it, such as cabf-br (CA/Browser Forum TLS BRs 7.1.2)");
  app.footer(
      "Exit status: 0 no error findings (warnings and notices only), 1 a usage error, 2 an "
      "input could not be read (2 wins over 4), 4 at least one error finding.");
  return kr::tools::parse_and_run(app, argc, argv, "kr-lint", [&] { return lint(args); });
}
