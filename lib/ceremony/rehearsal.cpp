// The rehearsal: every step run against software keys in a throwaway directory.
#include "ceremony/rehearsal.h"

#include <stdlib.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "backup/descriptor.h"
#include "ceremony/executor.h"
#include "ceremony/rehearsal_keys.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "util/atomic_file.h"
#include "util/base64.h"

namespace kr::ceremony {
namespace fs = std::filesystem;
namespace {

// Every input file a step reads, so the rehearsal can point them at its own directory.
std::vector<script::InputFile*> inputs_of(script::Step& step) {
  std::vector<script::InputFile*> out;
  auto add = [&](auto& optional_input) {
    if (optional_input) out.push_back(&*optional_input);
  };
  std::visit(
      [&](auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, script::Issue>) {
          out.push_back(&b.issuer.certificate);
          add(b.csr);
          add(b.public_key);
        } else if constexpr (std::is_same_v<T, script::CrossSign>) {
          out.push_back(&b.issuer.certificate);
          out.push_back(&b.certificate);
        } else if constexpr (std::is_same_v<T, script::SignCrl>) {
          out.push_back(&b.issuer.certificate);
          add(b.previous_crl);
          for (auto& r : b.revoked) add(r.certificate);
        } else if constexpr (std::is_same_v<T, script::SignOcspResponse>) {
          out.push_back(&b.issuer.certificate);
          if (b.signer) out.push_back(&b.signer->certificate);
          out.push_back(&b.certificate);
        } else if constexpr (std::is_same_v<T, script::RestoreKey>) {
          out.push_back(&b.backup);
        }
      },
      step.body);
  return out;
}

// Every (key, certificate) pair the script names: the public key of a key already on the token.
std::vector<const script::IssuerRef*> issuers_of(const script::Step& step) {
  std::vector<const script::IssuerRef*> out;
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, script::Issue> || std::is_same_v<T, script::CrossSign> ||
                      std::is_same_v<T, script::SignCrl>) {
          out.push_back(&b.issuer);
        } else if constexpr (std::is_same_v<T, script::SignOcspResponse>) {
          out.push_back(&b.issuer);
          if (b.signer) out.push_back(&*b.signer);
        }
      },
      step.body);
  return out;
}

// A private directory for one rehearsal, removed when it goes out of scope (unless kept).
class Workspace {
 public:
  explicit Workspace(const fs::path& wanted) {
    if (!wanted.empty()) {
      fs::create_directories(wanted);
      if (!fs::is_empty(wanted))
        throw Error(wanted.string() + ": not empty; a rehearsal writes into an empty directory",
                    "name a new directory");
      dir_ = wanted;
      keep_ = true;
      return;
    }
    std::string pattern = (fs::temp_directory_path() / "kr-rehearsal-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw Error("cannot make a directory for the rehearsal");
    dir_ = pattern;
  }
  ~Workspace() {
    std::error_code ignored;
    if (!keep_) fs::remove_all(dir_, ignored);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  const fs::path& dir() const { return dir_; }
  bool kept() const { return keep_; }

 private:
  fs::path dir_;
  bool keep_ = false;
};

// The script as the rehearsal runs it: inputs made by earlier steps read from the workspace, and
// each CRL-number state file replaced by a copy there. `renamed` maps each workspace path back to
// the real one, for messages.
script::Script redirected(const script::Script& original, const fs::path& output_dir,
                          const fs::path& workspace, std::map<std::string, std::string>& renamed) {
  script::Script s = original;
  std::map<fs::path, fs::path> state_copies;
  for (auto& step : s.steps) {
    for (auto* input : inputs_of(step)) {
      if (!input->from_earlier_step) continue;
      auto relative = input->resolved.lexically_relative(output_dir);
      if (relative.empty() || *relative.begin() == "..") continue;
      auto moved = workspace / relative;
      renamed[moved.string()] = input->resolved.string();
      input->resolved = moved;
    }
    if (auto* crl = std::get_if<script::SignCrl>(&step.body)) {
      auto& copy = state_copies[crl->state.resolved];
      if (copy.empty()) {
        copy = workspace / ".crl-state" / std::to_string(state_copies.size()) /
               crl->state.resolved.filename();
        fs::create_directories(copy.parent_path());
        if (fs::exists(crl->state.resolved)) fs::copy_file(crl->state.resolved, copy);
        renamed[copy.string()] = crl->state.resolved.string();
      }
      crl->state.resolved = copy;
    }
  }
  renamed[workspace.string()] = output_dir.string();
  return s;
}

std::string real_paths(std::string message, const std::map<std::string, std::string>& renamed) {
  // Longest first, so a file inside the workspace is named before the workspace itself.
  std::vector<std::pair<std::string, std::string>> order(renamed.begin(), renamed.end());
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [from, to] : order)
    for (auto at = message.find(from); at != std::string::npos;
         at = message.find(from, at + to.size()))
      message.replace(at, from.size(), to);
  return message;
}

// The steps that touch the token itself, done with software keys.
struct TokenSteps {
  Context& ctx;
  RehearsalKeys& keys;
  std::map<fs::path, std::string> backups;  // descriptor a backup-key step would write -> key

  void generate(const script::Step& step, const script::GenerateKey& g) {
    auto algorithm =
        g.type == script::KeyType::rsa ? pkcs11::KeyAlgorithm::rsa : pkcs11::KeyAlgorithm::ec;
    auto pair = keys.generate(g.label, algorithm, g.bits, g.curve);
    if (g.backup) keys.mark_for_backup(g.label);
    auto fingerprint = ossl::spki_sha256_hex(pair.public_key.get());
    auto e = ctx.event(transcript::EventType::key_generated, &step);
    e.target = "key:" + g.label;
    e.outputs.push_back({"key:" + g.label + " (SubjectPublicKeyInfo)", fingerprint});
    e.details["algorithm"] = pair.describe();
    e.details["spki_sha256"] = fingerprint;
    e.details["spki_der_base64"] = base64_encode(ossl::spki_der(pair.public_key.get()));
    e.details["rehearsal"] = "a software key in memory, not the token's";
    ctx.log->append(e);
    ctx.out << "key " << g.label << ": " << pair.describe() << " (rehearsal)\n  SPKI SHA-256 "
            << fingerprint << "\n";
    ctx.keys.insert_or_assign(g.label, std::move(pair));
  }

  void backup(const script::BackupKey& b) {
    if (keys.generated(b.key) && !keys.made_for_backup(b.key))
      throw Error("key \"" + b.key + "\" is not marked for backup: it is not extractable",
                  "generate it with \"backup: true\"; a key generated without it never leaves "
                  "the token");
    backups[(ctx.output_path(b.output) / (b.key + ".key-backup.json")).lexically_normal()] = b.key;
  }

  void restore(const script::RestoreKey& r) {
    auto from = backups.find(r.backup.resolved.lexically_normal());
    if (from != backups.end()) {
      ctx.keys.insert_or_assign(r.label, keys.alias(r.label, from->second));
      return;
    }
    if (!fs::exists(r.backup.resolved))
      throw NotRehearsable("the backup \"" + r.backup.path + "\" is made during the ceremony");
    const auto text = read_file(r.backup.resolved);
    auto parsed = backup::parse_descriptor(
        std::string_view(reinterpret_cast<const char*>(text.data()), text.size()),
        r.backup.resolved);
    keys.know_public_key(r.label, parsed.public_key.get());
    ctx.keys.insert_or_assign(r.label, keys.stand_in(r.label));
  }

  void destroy(const script::DestroyKey& d) {
    ctx.keys.erase(d.key);
    keys.forget(d.key);
  }

  // True when the step was one of these kinds (and is done).
  bool run(const script::Step& step) {
    if (auto* g = std::get_if<script::GenerateKey>(&step.body)) return generate(step, *g), true;
    if (auto* b = std::get_if<script::BackupKey>(&step.body)) return backup(*b), true;
    if (auto* r = std::get_if<script::RestoreKey>(&step.body)) return restore(*r), true;
    if (auto* d = std::get_if<script::DestroyKey>(&step.body)) return destroy(*d), true;
    return false;
  }
};

// An input made by an earlier step that the rehearsal could not make: the step waits for the run.
const script::InputFile* missing_input(script::Step& step) {
  for (auto* input : inputs_of(step))
    if (input->from_earlier_step && !fs::exists(input->resolved)) return input;
  return nullptr;
}

transcript::Event started(const Context& ctx) {
  auto e = ctx.event(transcript::EventType::ceremony_started, nullptr);
  e.target = "ceremony:" + ctx.script.ceremony_id;
  e.cause = "kr-ceremony rehearsal of " + ctx.script.file;
  e.details["rehearsal"] = "software keys in memory; the token was not opened";
  e.details["ceremony"] = ctx.script.ceremony_id;
  e.details["script_file"] = ctx.script.file;
  return e;
}

}  // namespace

RehearsalReport rehearse(const script::Script& script, const RunOptions& options,
                         const RehearsalOptions& rehearsal) {
  Workspace workspace(rehearsal.out_dir);
  std::map<std::string, std::string> renamed;
  script::Script s = redirected(script, options.output_dir, workspace.dir(), renamed);

  RunOptions o = options;
  o.output_dir = workspace.dir();
  o.log_path = workspace.dir() / (script.ceremony_id + ".rehearsal.events.jsonl");
  o.plan = {};
  o.presenters = nullptr;
  std::ostringstream discarded;
  Context ctx{s, o, rehearsal.out ? *rehearsal.out : discarded};
  RehearsalKeys keys;
  ctx.rehearsal = &keys;
  for (const auto& step : s.steps)
    for (const auto* issuer : issuers_of(step)) {
      if (issuer->certificate.from_earlier_step) continue;
      try {
        auto cert = ossl::read_certificate(read_file(issuer->certificate.resolved),
                                           issuer->certificate.path);
        keys.know_public_key(issuer->key, X509_get0_pubkey(cert.get()));
      } catch (const Error&) {
        // An unreadable certificate is the step's own finding when it runs.
      }
    }

  transcript::EventLog log(o.log_path, transcript::Durability::no_fsync);
  ctx.log = &log;
  log.append(started(ctx));
  TokenSteps token{ctx, keys, {}};
  RehearsalReport report;
  std::vector<Finding> findings;
  for (auto& step : s.steps) {
    RehearsedStep entry{step.id, false, ""};
    try {
      if (!token.run(step)) {
        if (auto* input = missing_input(step))
          throw NotRehearsable("its input \"" + input->path +
                               "\" is made by a step that was not rehearsed");
        handler_for(step).run(ctx, step);
      }
      entry.rehearsed = true;
      for (const auto* issuer : issuers_of(step))
        if (keys.is_stand_in(issuer->key)) entry.stand_in_signers.push_back(issuer->key);
    } catch (const CheckFailed& e) {
      for (auto f : e.findings()) {
        f.message = real_paths(f.message, renamed);
        findings.push_back(std::move(f));
      }
    } catch (const NotRehearsable& e) {
      entry.note = e.what();
    } catch (const std::exception& e) {
      findings.push_back({step.position, real_paths(e.what(), renamed)});
    }
    report.steps.push_back(std::move(entry));
  }
  if (workspace.kept()) report.transcript = log.path();
  if (!findings.empty()) throw CheckFailed(std::move(findings));
  return report;
}

}  // namespace kr::ceremony
