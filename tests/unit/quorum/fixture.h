// A 3-of-5 activation share set in a temporary directory, with the cheapest KDF keyrite accepts
// so the tests stay fast.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "quorum/share_set.h"
#include "quorum/unlock.h"
#include "support/temp_dir.h"

namespace kr::test {

inline quorum::KdfParams fast_kdf() {
  return {quorum::kMinKdfMemoryKib, 1, 1};
}

inline Secret random_test_secret() {
  Secret s;
  for (int i = 0; i < 32; ++i) s.push_back(static_cast<std::uint8_t>(0x40 + 7 * i));
  return s;
}

struct ShareSetFixture {
  explicit ShareSetFixture(int m = 3, int n = 5, std::string label = "root-hsm",
                           std::string serial = "1234abcd5678ef00")
      : dir("quorum") {
    const char* all[] = {"Cara", "Dev", "Eli", "Fay", "Gus", "Hal", "Ida"};
    quorum::ShareSetSpec spec;
    spec.token_label = std::move(label);
    spec.token_serial = std::move(serial);
    spec.threshold = m;
    spec.kdf = fast_kdf();
    for (int i = 0; i < n; ++i) {
      names.push_back(all[i]);
      files.push_back(dir / (names.back() + ".share"));
      spec.custodians.push_back({names.back(), files.back(), passphrase(i)});
    }
    descriptor_path = dir / "set.json";
    auto pending = quorum::prepare_share_set(secret, spec, descriptor_path);
    pending.commit();
    descriptor = pending.descriptor();
  }

  static Secret passphrase(int i) { return Secret("passphrase of custodian " + std::to_string(i)); }
  quorum::UnlockedShare unlock(int i) const {
    return quorum::unlock_share(files[static_cast<std::size_t>(i)], descriptor, passphrase(i));
  }
  std::string text(int i) const {
    std::ifstream in(files[static_cast<std::size_t>(i)], std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  TempDir dir;
  Secret secret = random_test_secret();
  std::vector<std::string> names;
  std::vector<std::filesystem::path> files;
  std::filesystem::path descriptor_path;
  quorum::Descriptor descriptor;
};

}  // namespace kr::test
