#include "x509/throwaway_key.h"

#include <map>
#include <mutex>
#include <string>

#include "ossl/error.h"
#include "ossl/types.h"
#include "x509/key_info.h"

namespace kr::x509 {

EVP_PKEY* throwaway_key_like(const EVP_PKEY* like) {
  static std::mutex mutex;
  static std::map<std::string, ossl::EvpPkeyPtr> cache;
  const auto info = describe_key(like);
  std::lock_guard lock(mutex);
  auto& slot = cache[info.text];
  if (!slot) {
    EVP_PKEY* key = nullptr;
    if (info.family == KeyFamily::rsa)
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(info.bits));
    else if (info.family == KeyFamily::ec)
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", info.curve.c_str());
    if (!key)
      ossl::throw_error("cannot make a throwaway " + info.text + " key for the trial signature");
    slot.reset(key);
  }
  return slot.get();
}

}  // namespace kr::x509
