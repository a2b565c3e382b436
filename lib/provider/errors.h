// Errors crossing from keyrite's provider into OpenSSL: every dispatch entry point runs its body
// through guard(), so no C++ exception ever unwinds into libcrypto's C frames.
#pragma once

#include <exception>
#include <string>

namespace kr::provider {

// Reasons under keyrite's own error library, so `openssl errstr`-style output names keyrite.
enum class Reason : int {
  internal = 1,            // an exception escaped a dispatch body
  unsupported = 2,         // an algorithm, digest or parameter keyrite does not sign with
  token_sign_failed = 3,   // the token (through pkcs11-helper) refused or failed
  signature_mismatch = 4,  // the token's signature does not verify against the expected key
  export_refused = 5,      // someone asked for private key material
  bad_argument = 6,        // wrong buffer size, missing key, ...
};

// Pushes one entry onto OpenSSL's thread-local error queue with `message` as its data.
void raise(Reason reason, const std::string& message);

// Thrown inside dispatch bodies for failures with a specific reason; guard() reports the reason.
class ProviderError : public std::exception {
 public:
  ProviderError(Reason reason, std::string message)
      : reason_(reason), message_(std::move(message)) {}
  Reason reason() const { return reason_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  Reason reason_;
  std::string message_;
};

// Runs `body` and turns any exception into an error-queue entry naming `what`; returns `failed`
// in that case. Every OSSL_DISPATCH function of this provider goes through here.
template <class T, class Body>
T guard(const char* what, T failed, Body&& body) noexcept {
  try {
    return body();
  } catch (const ProviderError& e) {
    raise(e.reason(), std::string(what) + ": " + e.what());
  } catch (const std::exception& e) {
    raise(Reason::internal, std::string(what) + ": " + e.what());
  } catch (...) {
    raise(Reason::internal, std::string(what) + ": unknown exception");
  }
  return failed;
}

}  // namespace kr::provider
