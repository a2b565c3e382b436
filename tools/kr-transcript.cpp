// kr-transcript: the auditor's tool. verify a transcript offline, prove one line or the consistency
// of two checkpoints to a third party, check such a proof, show a timeline, replay it, and write
// the audit report (lib/report). docs/transcript-format.md
// is the format; the work happens in lib/transcript. Exit status (util/exit_status.h): 0 ok,
// 1 usage error, 2 unusable input, 4 verification failed or incomplete.
#include <iostream>
#include <nlohmann/json.hpp>

#include "ossl/der.h"
#include "replay/replay.h"
#include "replay/report.h"
#include "report/audit_report.h"
#include "report/expect_root.h"
#include "report/pdf.h"
#include "report/templates.h"
#include "tool_main.h"
#include "transcript/proof.h"
#include "transcript/timeline.h"
#include "transcript/verify.h"
#include "transcript/verify_report.h"
#include "util/atomic_file.h"
#include "util/bytes.h"
#include "util/exit_status.h"
#include "util/regular_file.h"

namespace {

using namespace kr;

ossl::EvpPkeyPtr read_audit_key(const std::string& path) {
  return ossl::read_public_key(read_regular_file(path, 64 * 1024, "the audit key"), path);
}

struct VerifyArgs {
  std::string file, audit_key, format = "text", expect_binary;
};

// --expect-binary: every run the transcript records (ceremony-started, each ceremony-resumed)
// used the kr-ceremony binary whose SHA-256 the auditor rebuilt. Returns the problems.
std::vector<std::string> binary_mismatches(const transcript::VerifyResult& result,
                                           const std::string& expected) {
  std::vector<std::string> problems;
  if (result.binaries.empty()) problems.push_back("the transcript records no kr-ceremony binary");
  for (const auto& b : result.binaries)
    if (b.sha256 != expected)
      problems.push_back("line " + std::to_string(b.seq) + " records kr-ceremony SHA-256 " +
                         (b.sha256.empty() ? "(none)" : b.sha256) + ", not " + expected);
  return problems;
}

// A SHA-256 typed in either case, in the lower-case form transcripts record.
std::string lower_hex_sha256(const std::string& text, const std::string& option) {
  const auto bytes = from_hex(text);
  if (!bytes || bytes->size() != 32)
    throw UsageError(option + " wants a SHA-256 as 64 hex digits, not \"" + text + "\"",
                     "sha256sum kr-ceremony prints it");
  return to_hex(*bytes);
}
void add_verify(CLI::App& app, VerifyArgs& a, std::function<int()>& run) {
  auto* cmd = app.add_subcommand("verify",
                                 "verify structure, sequence, every checkpoint root and signature");
  cmd->add_option("FILE", a.file, "the transcript (JSON Lines)")->required();
  cmd->add_option("--audit-key", a.audit_key, "the audit key's public key (PEM or DER)")
      ->required();
  cmd->add_option("--format", a.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--expect-binary", a.expect_binary,
                  "SHA-256 of a kr-ceremony rebuilt from the published source: every run the "
                  "transcript records must have used it");
  cmd->callback([&] {
    run = [&] {
      const std::string expected =
          a.expect_binary.empty() ? "" : lower_hex_sha256(a.expect_binary, "--expect-binary");
      auto key = read_audit_key(a.audit_key);
      auto result = transcript::verify_transcript(a.file, key.get());
      const std::string trusted = ossl::spki_sha256_hex(key.get());
      std::vector<std::string> problems;
      if (!expected.empty()) problems = binary_mismatches(result, expected);
      if (a.format == "json") {
        auto doc = nlohmann::ordered_json::parse(transcript::render_json(result, a.file, trusted));
        if (!expected.empty())
          doc["expect-binary"] = {{"sha256", expected},
                                  {"runs", result.binaries.size()},
                                  {"ok", problems.empty()},
                                  {"problems", problems}};
        std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                  << "\n";
      } else {
        std::cout << transcript::render_text(result, a.file, trusted);
        if (!expected.empty() && problems.empty())
          std::cout << "binary: every run (" << result.binaries.size()
                    << ") used the kr-ceremony with SHA-256 " << expected << "\n";
        for (const auto& p : problems) std::cout << "binary: MISMATCH: " << p << "\n";
      }
      const int status = transcript::exit_status(result);
      return status != kExitOk ? status : problems.empty() ? kExitOk : kExitFoundWrong;
    };
  });
}

struct ProveArgs {
  std::string file, out;
  std::optional<std::uint64_t> event, checkpoint, from, to;
};
void add_prove(CLI::App& app, ProveArgs& a, std::function<int()>& run) {
  auto* cmd = app.add_subcommand(
      "prove", "write an inclusion proof of one line, or a consistency proof of two checkpoints");
  cmd->add_option("FILE", a.file, "the transcript")->required();
  auto* event = cmd->add_option("--event", a.event, "seq of the line to prove");
  cmd->add_option("--checkpoint", a.checkpoint,
                  "seq of the checkpoint to prove it under (default: the last)")
      ->needs(event);
  auto* from = cmd->add_option("--from-checkpoint", a.from, "seq of the earlier checkpoint")
                   ->excludes(event);
  auto* to =
      cmd->add_option("--to-checkpoint", a.to, "seq of the later checkpoint")->excludes(event);
  from->needs(to);
  to->needs(from);
  cmd->add_option("--out", a.out, "the proof file to write (never overwritten)")->required();
  cmd->callback([&] {
    run = [&] {
      if (!a.event && !a.from)
        throw UsageError("prove needs --event N, or --from-checkpoint A and --to-checkpoint B");
      std::string json = a.event
                             ? to_json(transcript::prove_inclusion(a.file, *a.event, a.checkpoint))
                             : to_json(transcript::prove_consistency(a.file, *a.from, *a.to));
      write_new_file(a.out, as_bytes(json));
      std::cout << "proof written to " << a.out << "\n";
      return 0;
    };
  });
}

struct VerifyProofArgs {
  std::string proof, audit_key;
};
void add_verify_proof(CLI::App& app, VerifyProofArgs& a, std::function<int()>& run) {
  auto* cmd = app.add_subcommand("verify-proof",
                                 "check a proof file without the transcript (a keyrite "
                                 "proof, or a bare RFC 6962 inclusion or consistency proof)");
  cmd->add_option("PROOF", a.proof, "the proof file")->required();
  cmd->add_option(
      "--audit-key", a.audit_key,
      "the audit key's public key (PEM or DER); needed for a keyrite proof, unused for a "
      "bare RFC 6962 proof");
  cmd->callback([&] {
    run = [&] {
      auto key = a.audit_key.empty() ? ossl::EvpPkeyPtr() : read_audit_key(a.audit_key);
      auto bytes = read_regular_file(a.proof, 64 * 1024 * 1024, "the proof file");
      auto v = transcript::verify_proof(std::string(bytes.begin(), bytes.end()), key.get());
      std::cout << (v.ok ? "ok: " : "failed: ") << v.summary << "\n";
      return v.ok ? kExitOk : kExitFoundWrong;
    };
  });
}

void add_show(CLI::App& app, std::string& file, std::function<int()>& run) {
  auto* cmd = app.add_subcommand("show", "print a readable timeline (does not verify)");
  cmd->add_option("FILE", file, "the transcript")->required();
  cmd->callback([&] {
    run = [&] {
      transcript::write_timeline(file, std::cout);
      return 0;
    };
  });
}

struct ReplayArgs {
  std::string file, artifacts, audit_key, profiles, format = "text";
};
void add_replay(CLI::App& app, ReplayArgs& a, std::function<int()>& run) {
  auto* cmd = app.add_subcommand(
      "replay",
      "verify, then check every step's quorum and re-derive every artifact from the "
      "embedded script");
  cmd->add_option("FILE", a.file, "the transcript (JSON Lines)")->required();
  cmd->add_option("--artifacts", a.artifacts,
                  "the directory holding the ceremony's output files "
                  "(and the files its script read)")
      ->required();
  cmd->add_option("--audit-key", a.audit_key, "the audit key's public key (PEM or DER)")
      ->required();
  cmd->add_option("--profiles", a.profiles, "profiles directory (default: the installed profiles)");
  cmd->add_option("--format", a.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([&] {
    run = [&] {
      auto key = read_audit_key(a.audit_key);
      auto report = replay::replay_transcript(a.file, key.get(), {a.artifacts, a.profiles});
      std::cout << (a.format == "json" ? replay::render_json(report, a.file)
                                       : replay::render_text(report, a.file));
      return replay::exit_status(report);
    };
  });
}

struct ReportArgs {
  std::string file, artifacts, audit_key, profiles, out, pdf, expect_root, format = "html";
};
void add_report(CLI::App& app, ReportArgs& a, std::function<int()>& run) {
  auto* cmd =
      app.add_subcommand("report", "replay, then write the auditor's report (HTML or JSON)");
  cmd->add_option("FILE", a.file, "the transcript (JSON Lines)")->required();
  cmd->add_option("--artifacts", a.artifacts, "the directory holding the ceremony's output files")
      ->required();
  cmd->add_option("--audit-key", a.audit_key, "the audit key's public key (PEM or DER)")
      ->required();
  cmd->add_option("--out", a.out, "the report file to write (never overwritten)")->required();
  cmd->add_option("--expect-root", a.expect_root,
                  "the final root from the paper log: 64 hex digits or 32 PGP words (quoted)");
  cmd->add_option("--format", a.format, "html or json")
      ->check(CLI::IsMember({"html", "json"}))
      ->capture_default_str();
  cmd->add_option("--pdf", a.pdf,
                  "html only: also print the report to this PDF with headless Chromium");
  cmd->add_option("--profiles", a.profiles, "profiles directory (default: the installed profiles)");
  cmd->callback([&] {
    run = [&] {
      if (!a.pdf.empty() && a.format != "html")
        throw UsageError("--pdf prints the HTML report; leave out --format json");
      report::AuditReportOptions options{{a.artifacts, a.profiles}, a.audit_key, std::nullopt};
      if (!a.expect_root.empty())
        options.expected_root = report::parse_expected_root(a.expect_root);
      auto key = read_audit_key(a.audit_key);
      auto r = report::build_audit_report(a.file, key.get(), options);
      report::write_document(a.format == "json"
                                 ? report::render_audit_json(r)
                                 : report::render_audit_html(r, report::default_templates_dir()),
                             a.out, a.format == "json" ? "" : a.pdf);
      std::cout << r.model["verdict"]["headline"].get<std::string>() << "\n"
                << "report written to " << a.out << (a.pdf.empty() ? "" : ", PDF " + a.pdf) << "\n";
      return r.exit_status;
    };
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-transcript: verify, replay, prove and show ceremony transcripts offline"};
  app.require_subcommand(1);
  std::function<int()> run;
  VerifyArgs verify;
  ProveArgs prove;
  VerifyProofArgs verify_proof;
  std::string show_file;
  add_verify(app, verify, run);
  add_prove(app, prove, run);
  add_verify_proof(app, verify_proof, run);
  add_show(app, show_file, run);
  // Subcommands that need more than lib/transcript (replay: artifacts, Botan, lint) register here.
  ReplayArgs replay_args;
  add_replay(app, replay_args, run);
  ReportArgs report_args;
  add_report(app, report_args, run);
  app.footer(
      "Exit status: 0 ok; 1 usage error; 2 an input could not be used; 4 verified and found "
      "wrong (verification failed, the transcript is incomplete, another binary). "
      "docs/transcript-format.md describes the format.");
  return kr::tools::parse_and_run(app, argc, argv, "kr-transcript", [&] { return run(); });
}
