// A throwaway SoftHSM2 token in its own directory with its own SOFTHSM2_CONF, initialised with
// known test PINs. Never touches the system token store.
#pragma once

#include <cstdlib>
#include <fstream>

#include "pkcs11/module.h"
#include "pkcs11/token.h"
#include "support/temp_dir.h"
#include "util/secret.h"

namespace kr::test {

// Writes a SoftHSM configuration under `dir` and points SOFTHSM2_CONF at it.
inline void use_private_softhsm(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "tokens");
  std::ofstream(dir / "softhsm2.conf") << "directories.tokendir = " << (dir / "tokens").string()
                                       << "\nobjectstore.backend = file\nlog.level = ERROR\n";
  ::setenv("SOFTHSM2_CONF", (dir / "softhsm2.conf").c_str(), 1);
}

class TempSoftHsm {
 public:
  explicit TempSoftHsm(const std::string& label = "kr-test") : dir_("softhsm") {
    use_private_softhsm(dir_.path());
    module_ = pkcs11::Module::load({"softhsm2", ""});
    auto slot = pkcs11::find_uninitialized_slot(*module_);
    token_ = pkcs11::init_token(module_, slot.slot, label, so_pin_, user_pin_);
  }

  const std::shared_ptr<pkcs11::Module>& module() const { return module_; }
  const pkcs11::TokenInfo& token() const { return token_; }
  const Secret& so_pin() const { return so_pin_; }
  const Secret& user_pin() const { return user_pin_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path conf() const { return dir_.path() / "softhsm2.conf"; }

 private:
  TempDir dir_;
  Secret so_pin_{"test-so-pin-0000"};
  Secret user_pin_{"test-user-pin-0000"};
  std::shared_ptr<pkcs11::Module> module_;
  pkcs11::TokenInfo token_;
};

}  // namespace kr::test
