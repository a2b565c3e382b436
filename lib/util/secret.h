// Secrets (PINs, passphrases, key shares): locked in memory where the OS allows, zeroed on release,
// never copied implicitly and never printable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kr {

// Allocator that mlock()s its pages (best effort) and cleanses them before freeing.
template <class T>
struct ZeroingAllocator {
  using value_type = T;
  ZeroingAllocator() = default;
  template <class U>
  ZeroingAllocator(const ZeroingAllocator<U>&) {}
  T* allocate(std::size_t n);
  void deallocate(T* p, std::size_t n);
  template <class U>
  bool operator==(const ZeroingAllocator<U>&) const {
    return true;
  }
};

// No core dump and no ptrace attach for the rest of the process: called before a quorum secret
// or PIN is ever in memory.
void disable_core_dumps();

void* secure_allocate(std::size_t bytes);
void secure_deallocate(void* p, std::size_t bytes);

template <class T>
T* ZeroingAllocator<T>::allocate(std::size_t n) {
  return static_cast<T*>(secure_allocate(n * sizeof(T)));
}
template <class T>
void ZeroingAllocator<T>::deallocate(T* p, std::size_t n) {
  secure_deallocate(p, n * sizeof(T));
}

class Secret {
 public:
  // What a sized secret starts as: zeros for a buffer an API writes into (a KDF's output, a
  // decryption), or bytes from OpenSSL's private random generator (keys, seeds, coefficients).
  enum class Fill { zeros, random };

  Secret() = default;
  explicit Secret(std::string_view text) : bytes_(text.begin(), text.end()) {}
  // Throws kr::Error when the random generator fails.
  Secret(std::size_t size, Fill fill);
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&&) noexcept = default;
  Secret& operator=(Secret&&) noexcept = default;

  // An explicit copy, so every duplication of a secret is visible in the code.
  Secret clone() const {
    Secret s;
    s.bytes_ = bytes_;
    return s;
  }
  void push_back(std::uint8_t b) { bytes_.push_back(b); }
  void pop_back() { bytes_.pop_back(); }
  bool empty() const { return bytes_.empty(); }
  std::size_t size() const { return bytes_.size(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::uint8_t* data() { return bytes_.data(); }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }

 private:
  std::vector<std::uint8_t, ZeroingAllocator<std::uint8_t>> bytes_;
};

}  // namespace kr
