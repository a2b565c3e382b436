// Test helper, not part of the product: combines a share set and prints what a real ceremony
// never shows (the secret and the PINs derived from it), and writes the raw shares in gfsplit's
// file format (STEM.NNN) so the integration test can check keyrite's shares with gfcombine and
// grep every output keyrite wrote for the PINs.
#include <cstdio>
#include <iostream>

#include "quorum/unlock.h"
#include "quorum_args.h"
#include "tool_main.h"
#include "util/atomic_file.h"

int main(int argc, char** argv) {
  CLI::App app{"kr-quorum-reveal: test helper that reveals a share set's secret"};
  std::string descriptor, stem;
  std::vector<std::string> shares;
  app.add_option("--descriptor", descriptor)->required();
  app.add_option("--share", shares, "SHAREFILE=PASSPHRASEFILE")->required();
  app.add_option("--gfshare-stem", stem, "also write raw shares as STEM.NNN");
  return kr::tools::parse_and_run(app, argc, argv, "kr-quorum-reveal", [&] {
    auto d = kr::quorum::read_descriptor(descriptor);
    std::vector<kr::quorum::UnlockedShare> unlocked;
    for (const auto& [file, pass] : kr::tools::parse_assignments(shares, "--share"))
      unlocked.push_back(
          kr::quorum::unlock_share(file, d, kr::read_secret_from_file(pass, "passphrase")));
    std::vector<const kr::quorum::UnlockedShare*> pointers;
    for (const auto& u : unlocked) {
      pointers.push_back(&u);
      if (!stem.empty()) {
        char suffix[8];
        std::snprintf(suffix, sizeof suffix, ".%03d", u.share.index);
        kr::write_new_file(stem + suffix, kr::ByteView(u.share.value.data(), u.share.value.size()),
                           0600);
      }
    }
    auto secret = kr::quorum::combine_shares(d, pointers);
    std::cout << "secret " << kr::to_hex(kr::ByteView(secret.data(), secret.size())) << "\n"
              << "user-pin " << kr::quorum::derive_user_pin(secret).view() << "\n"
              << "so-pin " << kr::quorum::derive_so_pin(secret).view() << "\n";
    return 0;
  });
}
