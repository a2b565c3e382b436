// The RAND provider behind SeededLibrary. OpenSSL creates a primary, and per thread a public and
// a private, instance of the context's DRBG type; every instance here is a thin door to the
// calling thread's current stream, so the instances themselves hold no state and need no lock.
#include "testpki/seeded_random.h"

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "ossl/digest.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "util/error.h"

namespace kr::testpki {
namespace {

constexpr const char* kRandName = "KR-SEEDED";
constexpr const char* kProviderName = "kr-seeded-random";

// AES-256-CTR keystream, refilled 256 bytes or 4 KiB at a time (a P-256 leaf draws about 100
// bytes, an RSA-2048 key a few KiB).
class Stream {
 public:
  explicit Stream(const ossl::Sha256& key) : ctx_(EVP_CIPHER_CTX_new()) {
    static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
    unsigned char iv[16] = {};
    if (!ctx_ || !cipher || EVP_EncryptInit_ex2(ctx_.get(), cipher, key.data(), iv, nullptr) != 1)
      ossl::throw_error("setting up the seeded generator");
  }
  bool read(unsigned char* out, std::size_t n) {
    while (n > 0) {
      if (pos_ == end_) {
        // CTR keystream is the same bytes however it is cut, so the refill size changes nothing
        // but speed: a P-256 leaf's scopes each draw well under 256 bytes, an RSA key's several
        // KiB.
        static const std::array<unsigned char, 4096> zeros{};
        const std::size_t chunk = n <= kSmallRefill ? kSmallRefill : zeros.size();
        int len = 0;
        if (EVP_EncryptUpdate(ctx_.get(), buffer_.data(), &len, zeros.data(),
                              static_cast<int>(chunk)) != 1)
          return false;
        pos_ = 0;
        end_ = chunk;
      }
      std::size_t take = std::min(n, end_ - pos_);
      std::memcpy(out, buffer_.data() + pos_, take);
      pos_ += take;
      out += take;
      n -= take;
    }
    return true;
  }

 private:
  std::unique_ptr<EVP_CIPHER_CTX, ossl::Deleter<EVP_CIPHER_CTX_free>> ctx_;
  static constexpr std::size_t kSmallRefill = 256;
  std::array<unsigned char, 4096> buffer_{};
  std::size_t pos_ = 0, end_ = 0;
};

thread_local Stream* current = nullptr;

// --- the RAND dispatch table (OpenSSL calls these; no exception may cross back) ---
struct Instance {
  int state = EVP_RAND_STATE_UNINITIALISED;
};

void* rand_new(void*, void*, const OSSL_DISPATCH*) {
  return new (std::nothrow) Instance;
}
void rand_free(void* vctx) {
  delete static_cast<Instance*>(vctx);
}
int rand_instantiate(void* vctx, unsigned int, int, const unsigned char*, size_t,
                     const OSSL_PARAM[]) {
  static_cast<Instance*>(vctx)->state = EVP_RAND_STATE_READY;
  return 1;
}
int rand_uninstantiate(void* vctx) {
  static_cast<Instance*>(vctx)->state = EVP_RAND_STATE_UNINITIALISED;
  return 1;
}
int rand_generate(void*, unsigned char* out, size_t outlen, unsigned int, int, const unsigned char*,
                  size_t) {
  // No stream selected: refuse, so a draw that escaped every RandomScope is an error that a test
  // sees, never a silent source of non-reproducible bytes.
  if (!current) return 0;
  try {
    return current->read(out, outlen) ? 1 : 0;
  } catch (...) {
    return 0;
  }
}
int rand_enable_locking(void*) {
  return 1;
}
int rand_lock(void*) {
  return 1;
}
void rand_unlock(void*) {}
const OSSL_PARAM* rand_gettable(void*, void*) {
  static const OSSL_PARAM params[] = {OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, nullptr),
                                      OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, nullptr),
                                      OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, nullptr),
                                      OSSL_PARAM_END};
  return params;
}
int rand_get_params(void* vctx, OSSL_PARAM params[]) {
  OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STATE);
  if (p && !OSSL_PARAM_set_int(p, static_cast<Instance*>(vctx)->state)) return 0;
  p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STRENGTH);
  if (p && !OSSL_PARAM_set_uint(p, 256)) return 0;
  p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_MAX_REQUEST);
  if (p && !OSSL_PARAM_set_size_t(p, 1 << 16)) return 0;
  return 1;
}

using Fn = void (*)();
const OSSL_DISPATCH kRandFunctions[] = {
    {OSSL_FUNC_RAND_NEWCTX, reinterpret_cast<Fn>(rand_new)},
    {OSSL_FUNC_RAND_FREECTX, reinterpret_cast<Fn>(rand_free)},
    {OSSL_FUNC_RAND_INSTANTIATE, reinterpret_cast<Fn>(rand_instantiate)},
    {OSSL_FUNC_RAND_UNINSTANTIATE, reinterpret_cast<Fn>(rand_uninstantiate)},
    {OSSL_FUNC_RAND_GENERATE, reinterpret_cast<Fn>(rand_generate)},
    {OSSL_FUNC_RAND_ENABLE_LOCKING, reinterpret_cast<Fn>(rand_enable_locking)},
    {OSSL_FUNC_RAND_LOCK, reinterpret_cast<Fn>(rand_lock)},
    {OSSL_FUNC_RAND_UNLOCK, reinterpret_cast<Fn>(rand_unlock)},
    {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, reinterpret_cast<Fn>(rand_gettable)},
    {OSSL_FUNC_RAND_GET_CTX_PARAMS, reinterpret_cast<Fn>(rand_get_params)},
    {0, nullptr}};

const OSSL_ALGORITHM kRands[] = {{kRandName, "provider=kr-seeded-random", kRandFunctions, nullptr},
                                 {nullptr, nullptr, nullptr, nullptr}};

const OSSL_ALGORITHM* provider_query(void*, int operation, int* no_cache) {
  *no_cache = 0;
  return operation == OSSL_OP_RAND ? kRands : nullptr;
}

const OSSL_DISPATCH kProviderFunctions[] = {
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, reinterpret_cast<Fn>(provider_query)}, {0, nullptr}};

int provider_init(const OSSL_CORE_HANDLE*, const OSSL_DISPATCH*, const OSSL_DISPATCH** out,
                  void** provctx) {
  *out = kProviderFunctions;
  *provctx = nullptr;
  return 1;
}

}  // namespace

Seed seed_from_text(std::string_view text) {
  return ossl::sha256(as_bytes(text));
}

Seed random_seed() {
  Seed seed{};
  ossl::check(RAND_priv_bytes(seed.data(), static_cast<int>(seed.size())), "RAND_priv_bytes");
  return seed;
}

SeededLibrary::SeededLibrary(const Seed& seed) : seed_(seed) {
  libctx_ = OSSL_LIB_CTX_new();
  if (!libctx_) ossl::throw_error("OSSL_LIB_CTX_new");
  // The DRBG type must be chosen before anything in the context draws a random byte.
  if (OSSL_PROVIDER_add_builtin(libctx_, kProviderName, provider_init) != 1 ||
      !(seeded_provider_ = OSSL_PROVIDER_load(libctx_, kProviderName)) ||
      !(default_provider_ = OSSL_PROVIDER_load(libctx_, "default")) ||
      RAND_set_DRBG_type(libctx_, kRandName, nullptr, nullptr, nullptr) != 1) {
    std::string why = ossl::drain_errors();
    release();
    throw Error("cannot set up the seeded OpenSSL library context: " + why);
  }
}

SeededLibrary::~SeededLibrary() {
  release();
}

void SeededLibrary::release() {
  if (seeded_provider_) OSSL_PROVIDER_unload(seeded_provider_);
  if (default_provider_) OSSL_PROVIDER_unload(default_provider_);
  if (libctx_) OSSL_LIB_CTX_free(libctx_);
  seeded_provider_ = default_provider_ = nullptr;
  libctx_ = nullptr;
}

RandomScope::RandomScope(const SeededLibrary& library, std::string_view label) {
  if (current) throw Error("internal: random scopes do not nest");
  Bytes material(library.seed().begin(), library.seed().end());
  material.push_back(0);  // the seed has a fixed length; the separator is for the reader
  material.insert(material.end(), label.begin(), label.end());
  current = new Stream(ossl::sha256(material));
}

RandomScope::~RandomScope() {
  delete current;
  current = nullptr;
}

}  // namespace kr::testpki
