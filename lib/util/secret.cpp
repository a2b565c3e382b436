// Locked, zeroed memory for secrets.
#include "util/secret.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <new>
#include <string>

#include "util/error.h"

namespace kr {

void disable_core_dumps() {
  const rlimit none{0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0 || ::prctl(PR_SET_DUMPABLE, 0) != 0)
    throw Error("cannot disable core dumps; keyrite will not hold a quorum secret without that");
}

Secret::Secret(std::size_t size, Fill fill) : bytes_(size, 0) {
  if (fill == Fill::random && size > 0 &&
      RAND_priv_bytes(bytes_.data(), static_cast<int>(size)) != 1)
    throw Error("the random generator gave no bytes for a " + std::to_string(size) +
                "-byte secret");
}

void* secure_allocate(std::size_t bytes) {
  void* p = ::operator new(bytes);
  // Best effort: an unprivileged process may exceed RLIMIT_MEMLOCK; the memory is still zeroed.
  if (bytes) ::mlock(p, bytes);
  return p;
}

void secure_deallocate(void* p, std::size_t bytes) {
  if (!p) return;
  OPENSSL_cleanse(p, bytes);
  if (bytes) ::munlock(p, bytes);
  ::operator delete(p);
}

}  // namespace kr
