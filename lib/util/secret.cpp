// Locked, zeroed memory for secrets.
#include "util/secret.h"

#include <openssl/crypto.h>
#include <sys/mman.h>

#include <new>

namespace kr {

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
