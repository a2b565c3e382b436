// kr-token: create a token and list the keys on it.
#include <iomanip>

#include "ossl/der.h"
#include "pkcs11/keys.h"
#include "pkcs11/token.h"
#include "quorum_args.h"
#include "token_setup/token_setup.h"
#include "tool_main.h"
#include "util/bytes.h"
#include "util/plural.h"

namespace {

struct TokenArgs {
  std::string module = "softhsm2";
  std::string module_params;
  std::string label;
  int pin_fd = -1;
  int so_pin_fd = -1;
  // init --quorum
  std::string quorum;
  std::vector<std::string> custodians;        // NAME=SHAREPATH
  std::vector<std::string> passphrase_files;  // NAME=FILE
  std::string descriptor;
  std::uint32_t kdf_memory_kib = kr::quorum::KdfParams{}.memory_kib;
};

void add_token_options(CLI::App* cmd, TokenArgs& a) {
  cmd->add_option("--module", a.module, "PKCS#11 module: softhsm2, nss-softokn or a path")
      ->capture_default_str();
  cmd->add_option("--module-params", a.module_params,
                  "C_Initialize parameters (NSS softokn: \"configdir='sql:DIR'\")");
  cmd->add_option("--label", a.label, "token label")->required();
  cmd->add_option("--pin-fd", a.pin_fd, "read the user PIN from this file descriptor");
}

kr::Secret new_pin(int fd, const std::string& what) {
  if (fd >= 0) return kr::read_secret_from_fd(fd, what);
  auto first = kr::read_secret_from_terminal("new " + what);
  auto second = kr::read_secret_from_terminal("repeat the new " + what);
  if (first.view() != second.view()) throw kr::Error("the two " + what + "s differ");
  return first;
}

// The secret behind both PINs is random and split m-of-n; no person ever sees a PIN.
int init_quorum(const TokenArgs& a) {
  if (a.pin_fd >= 0 || a.so_pin_fd >= 0)
    throw kr::UsageError(
        "--quorum derives both PINs from a random secret; --pin-fd and "
        "--so-pin-fd cannot be used with it");
  auto [m, n] = kr::tools::parse_quorum(a.quorum, "--quorum");
  auto roster = kr::tools::parse_assignments(a.custodians, "--custodian");
  auto files = kr::tools::parse_assignments(a.passphrase_files, "--passphrase-file");
  if (a.descriptor.empty()) throw kr::UsageError("--quorum needs --descriptor PATH");
  if (static_cast<int>(roster.size()) != n)
    throw kr::UsageError("--quorum " + a.quorum + " needs " + std::to_string(n) +
                         " --custodian NAME=PATH options, not " + std::to_string(roster.size()));
  for (const auto& [name, file] : files)
    if (!kr::tools::lookup(roster, name))
      throw kr::UsageError("--passphrase-file names " + name + ", who is not a custodian");

  kr::token_setup::QuorumTokenPlan plan;
  plan.module = {a.module, a.module_params};
  plan.label = a.label;
  plan.threshold = m;
  plan.descriptor = a.descriptor;
  plan.kdf.memory_kib = a.kdf_memory_kib;
  std::vector<std::string> names, paths;
  for (const auto& [name, path] : roster) {
    names.push_back(name);
    paths.push_back(path);
  }
  // Everything that can be refused is refused before anyone types a passphrase: names, outputs
  // (free, in writable directories), KDF, then the module, the label and a free slot.
  kr::quorum::check_share_set_plan(m, names, kr::token_setup::planned_outputs(paths, a.descriptor),
                                   plan.kdf);
  kr::token_setup::check_token_free(plan.module, a.label);
  for (const auto& [name, path] : roster)
    plan.custodians.push_back(
        {name, path, kr::tools::new_passphrase(name, kr::tools::lookup(files, name))});

  auto result = kr::token_setup::init_token_under_quorum(plan);
  std::cout << "token \"" << result.token.label << "\" created (serial " << result.token.serial
            << "); its PINs are derived from a secret split " << m << "-of-" << n << "\n";
  for (const auto& c : result.descriptor.custodians)
    std::cout << "  share " << c.index << ": " << c.custodian << " -> "
              << paths[static_cast<std::size_t>(c.index - 1)] << "\n";
  std::cout << "share set " << result.descriptor.set_id << " described in " << a.descriptor << "\n"
            << "audit key keyrite-audit (EC P-256), SPKI SHA-256 " << result.audit_key_spki_sha256
            << ", public key in " << result.audit_key_pem.string() << "\n"
            << "each custodian now checks their share (it asks for the passphrase):\n";
  for (const auto& c : result.descriptor.custodians)
    std::cout << "  " << c.custodian << ": kr-quorum verify-share "
              << kr::tools::shell_quote(paths[static_cast<std::size_t>(c.index - 1)])
              << " --descriptor " << kr::tools::shell_quote(a.descriptor) << "\n";
  return 0;
}

int init(const TokenArgs& a) {
  if (!a.quorum.empty()) return init_quorum(a);
  if (!a.custodians.empty() || !a.descriptor.empty() || !a.passphrase_files.empty())
    throw kr::UsageError("--custodian, --descriptor and --passphrase-file need --quorum M-of-N");
  auto module = kr::pkcs11::Module::load({a.module, a.module_params});
  auto slot = kr::pkcs11::find_uninitialized_slot(*module);
  auto so_pin = new_pin(a.so_pin_fd, "security officer PIN");
  auto user_pin = new_pin(a.pin_fd, "user PIN");
  auto token = kr::pkcs11::init_token(module, slot.slot, a.label, so_pin, user_pin);
  std::cout << "token \"" << token.label << "\" created on " << module->path() << " (serial "
            << token.serial << ")\n";
  return 0;
}

int list(const TokenArgs& a) {
  auto module = kr::pkcs11::Module::load({a.module, a.module_params});
  auto token = kr::pkcs11::find_token(*module, a.label);
  auto pin = kr::tools::read_pin(a.pin_fd, "user PIN");
  kr::pkcs11::Session session(module, token.slot, kr::pkcs11::Access::read_only);
  kr::pkcs11::Login login(session, kr::pkcs11::UserType::user, pin);
  std::vector<kr::pkcs11::IncompleteKey> incomplete;
  auto keys = kr::pkcs11::list_key_pairs(session, &incomplete);
  std::cout << "token \"" << token.label << "\" (" << token.manufacturer << " " << token.model
            << ", serial " << token.serial << "): " << kr::count_of(keys.size(), "key") << "\n";
  for (const auto& k : keys)
    std::cout << std::left << std::setw(20) << k.label << " " << std::setw(9) << k.describe()
              << " CKA_ID " << kr::to_hex(k.id) << "\n    SPKI SHA-256 "
              << kr::ossl::spki_sha256_hex(k.public_key.get()) << "\n";
  // A generation killed half-way can leave a public key alone; it still blocks its label.
  for (const auto& lone : kr::pkcs11::list_lone_public_keys(session))
    std::cout << "lone public key \"" << lone.label << "\" CKA_ID " << kr::to_hex(lone.id)
              << ": no private key (an interrupted key generation); its label is taken\n";
  // ... or a private key alone, or an object SoftHSM created and never filled in.
  for (const auto& k : incomplete)
    std::cout << "incomplete private key "
              << (k.label.empty() ? "with no label" : "\"" + k.label + "\"") << " CKA_ID "
              << (k.id.empty() ? "none" : kr::to_hex(k.id)) << ": " << k.why
              << " (an interrupted key generation; kr-ceremony resume removes it)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-token: create PKCS#11 tokens and list their keys"};
  app.require_subcommand(1);
  TokenArgs args;
  auto* init_cmd =
      app.add_subcommand("init", "create a token with a label, an SO PIN and a user PIN");
  add_token_options(init_cmd, args);
  init_cmd->add_option("--so-pin-fd", args.so_pin_fd,
                       "read the security officer PIN from this file descriptor");
  init_cmd->add_option("--quorum", args.quorum,
                       "M-of-N: derive both PINs from a random secret split among N custodians");
  init_cmd->add_option("--custodian", args.custodians,
                       "NAME=SHAREPATH, once per custodian (with --quorum)");
  init_cmd->add_option("--descriptor", args.descriptor,
                       "where to write the share-set descriptor (with --quorum); the audit key's "
                       "public key goes to DESCRIPTOR.audit-key.pem");
  init_cmd->add_option("--passphrase-file", args.passphrase_files,
                       "NAME=FILE: read that custodian's passphrase from FILE instead of the "
                       "terminal (tests and rehearsals)");
  init_cmd
      ->add_option("--kdf-memory-kib", args.kdf_memory_kib,
                   "Argon2id memory per share file (at least 8192)")
      ->capture_default_str();
  auto* list_cmd = app.add_subcommand("list", "list the key pairs on a token");
  add_token_options(list_cmd, args);
  return kr::tools::parse_and_run(app, argc, argv, "kr-token",
                                  [&] { return init_cmd->parsed() ? init(args) : list(args); });
}
