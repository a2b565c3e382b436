// A throwaway NSS softokn database (a second, independent PKCS#11 implementation) created with
// NSS's own certutil, password-protected with a known test PIN.
#pragma once

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "pkcs11/module.h"
#include "pkcs11/token.h"
#include "support/temp_dir.h"
#include "util/secret.h"

namespace kr::test {

inline std::string nss_module_params(const std::filesystem::path& db) {
  return "configdir='sql:" + db.string() + "' certPrefix='' keyPrefix='' secmod='secmod.db' flags=";
}

class TempNss {
 public:
  TempNss() : dir_("nss") {
    std::ofstream(dir_ / "pw") << user_pin_.view() << "\n";
    std::string cmd = "certutil -N -d sql:" + dir_.path().string() + " -f " +
                      (dir_ / "pw").string() + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("certutil -N failed: " + cmd);
    std::filesystem::remove(dir_ / "pw");
    module_ = pkcs11::Module::load({"nss-softokn", nss_module_params(dir_.path())});
    token_ = pkcs11::find_token(*module_, "NSS Certificate DB");
  }
  const std::shared_ptr<pkcs11::Module>& module() const { return module_; }
  const pkcs11::TokenInfo& token() const { return token_; }
  const Secret& user_pin() const { return user_pin_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  Secret user_pin_{"test-nss-pin-0000"};
  std::shared_ptr<pkcs11::Module> module_;
  pkcs11::TokenInfo token_;
};

}  // namespace kr::test
