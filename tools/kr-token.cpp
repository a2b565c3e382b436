// kr-token: create a token and list the keys on it.
#include <iomanip>

#include "ossl/der.h"
#include "pkcs11/keys.h"
#include "pkcs11/token.h"
#include "tool_main.h"
#include "util/bytes.h"

namespace {

struct TokenArgs {
  std::string module = "softhsm2";
  std::string module_params;
  std::string label;
  int pin_fd = -1;
  int so_pin_fd = -1;
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

int init(const TokenArgs& a) {
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
  auto keys = kr::pkcs11::list_key_pairs(session);
  std::cout << "token \"" << token.label << "\" (" << token.manufacturer << " " << token.model
            << ", serial " << token.serial << "): " << keys.size() << " key(s)\n";
  for (const auto& k : keys)
    std::cout << std::left << std::setw(20) << k.label << " " << std::setw(9) << k.describe()
              << " CKA_ID " << kr::to_hex(k.id) << "\n    SPKI SHA-256 "
              << kr::ossl::spki_sha256_hex(k.public_key.get()) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-token: create PKCS#11 tokens and list their keys"};
  app.require_subcommand(1);
  TokenArgs args;
  auto* init_cmd = app.add_subcommand("init", "create a token with a label, an SO PIN and a user PIN");
  add_token_options(init_cmd, args);
  init_cmd->add_option("--so-pin-fd", args.so_pin_fd,
                       "read the security officer PIN from this file descriptor");
  auto* list_cmd = app.add_subcommand("list", "list the key pairs on a token");
  add_token_options(list_cmd, args);
  return kr::tools::parse_and_run(app, argc, argv, "kr-token", [&] {
    return init_cmd->parsed() ? init(args) : list(args);
  });
}
