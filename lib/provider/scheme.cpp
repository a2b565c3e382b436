// Digest lookup and the PKCS#11 constants for each scheme.
#include "provider/scheme.h"

#include <array>
#include <stdexcept>
#include <string>

#include "ossl/types.h"

namespace kr::provider {
namespace {

struct DigestInfo {
  const char* name;
  const char* legacy_name;  // what EVP_MD_get0_name() says for EVP_sha256() and friends
  int nid;
  std::size_t size;
  CK_MECHANISM_TYPE ckm;
  CK_RSA_PKCS_MGF_TYPE mgf;
};

constexpr std::array<DigestInfo, 3> kDigests{{
    {"SHA2-256", "SHA256", NID_sha256, 32, CKM_SHA256, CKG_MGF1_SHA256},
    {"SHA2-384", "SHA384", NID_sha384, 48, CKM_SHA384, CKG_MGF1_SHA384},
    {"SHA2-512", "SHA512", NID_sha512, 64, CKM_SHA512, CKG_MGF1_SHA512},
}};

const DigestInfo& info(Digest d) {
  return kDigests[static_cast<std::size_t>(d)];
}

}  // namespace

std::optional<Digest> digest_from_name(std::string_view name) {
  // The names OpenSSL itself passes (EVP_MD_get0_name of the fetched digest) are answered
  // without a fetch: this runs once per signing context.
  for (std::size_t i = 0; i < kDigests.size(); ++i)
    if (name == kDigests[i].name || name == kDigests[i].legacy_name) return static_cast<Digest>(i);
  // Anything else resolves through OpenSSL's name map, so every alias works without a list here.
  std::string n(name);
  ossl::EvpMdPtr md(EVP_MD_fetch(nullptr, n.c_str(), nullptr));
  if (!md) return std::nullopt;
  int nid = EVP_MD_get_type(md.get());
  for (std::size_t i = 0; i < kDigests.size(); ++i)
    if (kDigests[i].nid == nid) return static_cast<Digest>(i);
  return std::nullopt;
}

const EVP_MD* evp_md(Digest d) {
  // Fetching per signature costs a method-store lookup; the three digests never change.
  static const std::array<EVP_MD*, 3> mds = [] {
    std::array<EVP_MD*, 3> out{};
    for (std::size_t i = 0; i < kDigests.size(); ++i) {
      out[i] = EVP_MD_fetch(nullptr, kDigests[i].name, nullptr);
      if (!out[i]) throw std::runtime_error(std::string("cannot fetch ") + kDigests[i].name);
    }
    return out;
  }();
  return mds[static_cast<std::size_t>(d)];
}

const char* digest_name(Digest d) {
  return info(d).name;
}
std::size_t digest_size(Digest d) {
  return info(d).size;
}
CK_MECHANISM_TYPE ckm_hash(Digest d) {
  return info(d).ckm;
}
CK_RSA_PKCS_MGF_TYPE ckg_mgf1(Digest d) {
  return info(d).mgf;
}

}  // namespace kr::provider
