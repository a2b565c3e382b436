// HSM keys are safe to sign with from several threads (kr-testpki signs hierarchies in
// parallel): pkcs11-helper's session lock serialises token calls, keyrite's per-key caches are
// locked, and every signature is still verified.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "fixture.h"
#include "provider/signing_context.h"

using namespace kr;

TEST_SUITE("provider: threads") {
  TEST_CASE("two keys of one token sign concurrently from four threads") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto ec = pkcs11::generate_key_pair(session, {"ec", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    auto rsa = pkcs11::generate_key_pair(session, {"rsa", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    auto ec_key = provider::load_hsm_key(hsm.module(), hsm.token(), ec, hsm.user_pin());
    auto rsa_key = provider::load_hsm_key(hsm.module(), hsm.token(), rsa, hsm.user_pin());

    std::atomic<int> verified{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        const bool use_ec = t % 2 == 0;
        const auto& pair = use_ec ? ec : rsa;
        EVP_PKEY* key = use_ec ? ec_key.get() : rsa_key.get();
        const char* alg = use_ec ? "ecdsa-with-SHA384"
                                 : (t == 1 ? "rsassaPss-sha256" : "sha512WithRSAEncryption");
        for (int i = 0; i < 15; ++i) {
          auto cert = test::tbs_certificate(pair.public_key.get(), "thread " + std::to_string(t));
          auto ctx = provider::make_signing_context(key, alg);
          if (X509_sign_ctx(cert.get(), ctx.get()) > 0 &&
              X509_verify(cert.get(), pair.public_key.get()) == 1)
            ++verified;
        }
      });
    for (auto& t : threads) t.join();
    CHECK(verified == 4 * 15);
  }
}
