// kr-quorum: a custodian checks their share alone; the old quorum re-splits a set under a new
// roster or threshold; new-set makes the recovery custodians' key-backup set.
#include <iostream>

#include "quorum/derive.h"
#include "quorum/rotate.h"
#include "quorum/unlock.h"
#include "quorum_args.h"
#include "tool_main.h"

namespace {

constexpr int kTerminalAttempts = 3;

struct Args {
  std::string descriptor;
  std::string share;                          // verify-share
  std::string passphrase_file;                // verify-share
  std::vector<std::string> shares;            // rotate: old shares
  std::vector<std::string> passphrase_files;  // rotate: CUSTODIAN=FILE for old shares
  std::string quorum;
  std::vector<std::string> custodians;            // NAME=OUTPATH
  std::vector<std::string> new_passphrase_files;  // NAME=FILE
  std::string out_descriptor;
  std::uint32_t kdf_memory_kib = kr::quorum::KdfParams{}.memory_kib;
  std::string purpose;                     // new-set
  std::string token_label = "key-backup";  // new-set
};

// A key-backup set is not bound to one token's serial: its backups are restored into another.
constexpr const char* kUnboundSerial = "none";

// Opens one share: from a file the passphrase is tried once; at the terminal a wrong passphrase
// may be typed again, up to three times.
kr::quorum::UnlockedShare present(const std::filesystem::path& file,
                                  const kr::quorum::Descriptor& d,
                                  const std::optional<std::string>& passphrase_file) {
  auto custodian = kr::quorum::read_share_file(file).header.custodian;
  for (int attempt = 1;; ++attempt) {
    auto passphrase = kr::tools::existing_passphrase(custodian, passphrase_file);
    try {
      return kr::quorum::unlock_share(file, d, passphrase);
    } catch (const kr::quorum::WrongPassphrase& e) {
      if (passphrase_file || attempt == kTerminalAttempts) throw;
      std::cerr << "kr-quorum: " << e.what() << "; try again\n";
    }
  }
}

int verify_share(const Args& a) {
  auto d = kr::quorum::read_descriptor(a.descriptor);
  std::optional<std::string> file;
  if (!a.passphrase_file.empty()) file = a.passphrase_file;
  auto u = present(a.share, d, file);
  std::cout << "share OK: custodian " << u.header.custodian << ", index " << u.header.index
            << " of share set " << d.set_id << " (" << kr::quorum::to_string(d.purpose) << ", "
            << d.threshold << "-of-" << d.shares << ", token \"" << d.token_label << "\" serial "
            << d.token_serial << ")\n"
            << "custodian key " << kr::to_hex(u.key.public_key()) << "\n";
  return 0;
}

int rotate(const Args& a) {
  auto old = kr::quorum::read_descriptor(a.descriptor);
  auto [m, n] = kr::tools::parse_quorum(a.quorum, "--quorum");
  auto roster = kr::tools::parse_assignments(a.custodians, "--custodian");
  auto old_files = kr::tools::parse_assignments(a.passphrase_files, "--passphrase-file");
  auto new_files = kr::tools::parse_assignments(a.new_passphrase_files, "--new-passphrase-file");
  if (static_cast<int>(roster.size()) != n)
    throw kr::UsageError("--quorum " + a.quorum + " needs " + std::to_string(n) +
                         " --custodian NAME=PATH options, not " + std::to_string(roster.size()));
  kr::quorum::Rotation rotation;
  rotation.threshold = m;
  rotation.kdf.memory_kib = a.kdf_memory_kib;
  std::vector<std::string> names;
  std::vector<std::filesystem::path> outputs;
  for (const auto& [name, path] : roster) {
    names.push_back(name);
    outputs.push_back(path);
  }
  outputs.push_back(a.out_descriptor);
  kr::quorum::check_share_set_plan(m, names, outputs, rotation.kdf);

  std::vector<kr::quorum::UnlockedShare> presented;
  for (const auto& file : a.shares) {
    auto custodian = kr::quorum::read_share_file(file).header.custodian;
    presented.push_back(present(file, old, kr::tools::lookup(old_files, custodian)));
    std::cerr << "kr-quorum: share of " << custodian << " accepted\n";
  }
  std::vector<const kr::quorum::UnlockedShare*> pointers;
  for (const auto& u : presented) pointers.push_back(&u);
  // Checks the old quorum before the new custodians are asked for anything.
  kr::quorum::combine_shares(old, pointers);

  for (const auto& [name, path] : roster)
    rotation.custodians.push_back(
        {name, path, kr::tools::new_passphrase(name, kr::tools::lookup(new_files, name))});
  auto d = kr::quorum::rotate_share_set(old, pointers, rotation, a.out_descriptor);
  std::cout << "share set " << old.set_id << " (" << old.threshold << "-of-" << old.shares
            << ") re-split as " << d.set_id << " (" << m << "-of-" << n << ") for token \""
            << d.token_label << "\"\n";
  for (const auto& c : d.custodians)
    std::cout << "  share " << c.index << ": " << c.custodian << " -> "
              << roster[static_cast<std::size_t>(c.index - 1)].second << "\n";
  std::cout << "descriptor: " << a.out_descriptor
            << "\nthe old share files still open the old set; retire them\n";
  return 0;
}

// A random 256-bit secret, from which the backup KEK is derived (quorum/derive.h), split among the
// recovery custodians. Refuses what kr-token init --quorum refuses, before anyone types.
int new_set(const Args& a) {
  if (a.purpose != "key-backup")
    throw kr::UsageError("--purpose \"" + a.purpose + "\": new-set makes key-backup sets only",
                         "an activation set is made with its token: kr-token init --quorum");
  auto [m, n] = kr::tools::parse_quorum(a.quorum, "--quorum");
  auto roster = kr::tools::parse_assignments(a.custodians, "--custodian");
  auto files = kr::tools::parse_assignments(a.new_passphrase_files, "--passphrase-file");
  if (static_cast<int>(roster.size()) != n)
    throw kr::UsageError("--quorum " + a.quorum + " needs " + std::to_string(n) +
                         " --custodian NAME=PATH options, not " + std::to_string(roster.size()));
  for (const auto& [name, file] : files)
    if (!kr::tools::lookup(roster, name))
      throw kr::UsageError("--passphrase-file names " + name + ", who is not a custodian");
  if (a.token_label.empty() || a.token_label.size() > 32)
    throw kr::UsageError("--token-label \"" + a.token_label + "\": 1 to 32 bytes");

  kr::quorum::ShareSetSpec spec;
  spec.purpose = kr::quorum::Purpose::key_backup;
  spec.token_label = a.token_label;
  spec.token_serial = kUnboundSerial;
  spec.threshold = m;
  spec.kdf.memory_kib = a.kdf_memory_kib;
  std::vector<std::string> names;
  std::vector<std::filesystem::path> outputs;
  for (const auto& [name, path] : roster) {
    names.push_back(name);
    outputs.push_back(path);
  }
  outputs.push_back(a.out_descriptor);
  kr::quorum::check_share_set_plan(m, names, outputs, spec.kdf);
  for (const auto& [name, path] : roster)
    spec.custodians.push_back(
        {name, path, kr::tools::new_passphrase(name, kr::tools::lookup(files, name))});

  kr::Secret secret(32, kr::Secret::Fill::random);
  auto pending = kr::quorum::prepare_share_set(secret, spec, a.out_descriptor);
  pending.commit();
  const auto& d = pending.descriptor();
  std::cout << "key-backup share set " << d.set_id << " (" << m << "-of-" << n
            << ") for the keys of token \"" << d.token_label
            << "\"; the backup KEK is derived from its secret\n";
  for (const auto& c : d.custodians)
    std::cout << "  share " << c.index << ": " << c.custodian << " -> "
              << roster[static_cast<std::size_t>(c.index - 1)].second << "\n";
  std::cout << "descriptor: " << a.out_descriptor << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-quorum: check a custodian's share; re-split a share set under its quorum"};
  app.require_subcommand(1);
  Args args;
  auto* verify = app.add_subcommand("verify-share",
                                    "decrypt one share and check it against the "
                                    "share-set descriptor");
  verify->add_option("FILE", args.share, "the share file")->required();
  verify->add_option("--descriptor", args.descriptor, "the share-set descriptor")->required();
  verify->add_option("--passphrase-file", args.passphrase_file,
                     "read the passphrase from this file instead of the terminal (tests)");

  auto* rot = app.add_subcommand("rotate",
                                 "combine the old quorum and split the same secret "
                                 "under a new roster or threshold");
  rot->add_option("--descriptor", args.descriptor, "the old share-set descriptor")->required();
  rot->add_option("--share", args.shares, "an old share file, once per presenting custodian")
      ->required();
  rot->add_option("--passphrase-file", args.passphrase_files,
                  "CUSTODIAN=FILE: an old custodian's passphrase from FILE (tests)");
  rot->add_option("--quorum", args.quorum, "the new M-of-N")->required();
  rot->add_option("--custodian", args.custodians, "NAME=OUTPATH, once per new custodian")
      ->required();
  rot->add_option("--new-passphrase-file", args.new_passphrase_files,
                  "NAME=FILE: a new custodian's passphrase from FILE (tests)");
  rot->add_option("--out-descriptor", args.out_descriptor, "the new descriptor")->required();
  rot->add_option("--kdf-memory-kib", args.kdf_memory_kib,
                  "Argon2id memory per new share file (at least 8192)")
      ->capture_default_str();

  auto* make = app.add_subcommand("new-set",
                                  "split a new random secret among recovery custodians: the "
                                  "key-backup set whose quorum rebuilds the backup KEK");
  make->add_option("--purpose", args.purpose, "key-backup")->required();
  make->add_option("--quorum", args.quorum, "M-of-N")->required();
  make->add_option("--custodian", args.custodians, "NAME=SHAREPATH, once per custodian")
      ->required();
  make->add_option("--descriptor", args.out_descriptor, "where to write the share-set descriptor")
      ->required();
  make->add_option("--passphrase-file", args.new_passphrase_files,
                   "NAME=FILE: read that custodian's passphrase from FILE instead of the "
                   "terminal (tests and rehearsals)");
  make->add_option("--kdf-memory-kib", args.kdf_memory_kib,
                   "Argon2id memory per share file (at least 8192)")
      ->capture_default_str();
  make->add_option("--token-label", args.token_label,
                   "the label of the token whose keys the set backs up, recorded in every share")
      ->capture_default_str();
  return kr::tools::parse_and_run(app, argc, argv, "kr-quorum", [&] {
    if (verify->parsed()) return verify_share(args);
    if (make->parsed()) return new_set(args);
    return rotate(args);
  });
}
