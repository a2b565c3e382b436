// Signing throughput of an HSM key through keyrite's provider (X509_sign_ctx on a to-be-signed
// certificate) against raw C_SignInit/C_Sign calls on the same token, key and mechanism, in the
// same run. Prints both rates, their ratio, and what verifying each returned signature costs.
// Usage: bench-sign_throughput [signatures-per-path [rounds]]   (see bench/README.md)
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ossl/error.h"
#include "ossl/types.h"
#include "pkcs11/keys.h"
#include "pkcs11/rv.h"
#include "pkcs11/session.h"
#include "pkcs11/token.h"
#include "provider/hsm_key.h"
#include "provider/signing_context.h"

using namespace kr;
using Clock = std::chrono::steady_clock;

namespace {

// A SoftHSM configuration of our own in a fresh directory, removed on exit.
struct TempToken {
  std::filesystem::path dir;
  TempToken() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kr-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir = pattern;
    std::filesystem::create_directories(dir / "tokens");
    std::ofstream(dir / "softhsm2.conf") << "directories.tokendir = " << (dir / "tokens").string()
                                         << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ::setenv("SOFTHSM2_CONF", (dir / "softhsm2.conf").c_str(), 1);
  }
  ~TempToken() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

ossl::X509Ptr tbs_certificate(EVP_PKEY* key) {
  ossl::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("keyrite bench"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  ASN1_TIME_set_string(X509_getm_notBefore(cert.get()), "20250101000000Z");
  ASN1_TIME_set_string(X509_getm_notAfter(cert.get()), "20350101000000Z");
  X509_set_pubkey(cert.get(), key);
  return cert;
}

// The bytes the provider hands the token for this certificate: SHA-256 of the TBSCertificate,
// wrapped in a DigestInfo for PKCS#1 v1.5 (the DER prefix is fixed for SHA-256).
Bytes token_input(X509* cert, bool pkcs1) {
  unsigned char* tbs = nullptr;
  int len = i2d_re_X509_tbs(cert, &tbs);
  ossl::OpensslPtr<unsigned char> tbs_owner(tbs);
  if (len <= 0) ossl::throw_error("encoding the TBSCertificate");
  unsigned char digest[32];
  unsigned int dlen = 0;
  EVP_Digest(tbs, len, digest, &dlen, EVP_sha256(), nullptr);
  static const unsigned char kSha256DigestInfo[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                    0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                    0x01, 0x05, 0x00, 0x04, 0x20};
  std::size_t prefix = pkcs1 ? sizeof kSha256DigestInfo : 0;
  Bytes out(prefix + dlen);
  std::copy_n(kSha256DigestInfo, prefix, out.begin());
  std::copy_n(digest, dlen, out.begin() + static_cast<std::ptrdiff_t>(prefix));
  return out;
}

// Everything measured runs in this thread (SoftHSM is a library), so thread CPU time is the
// cost; it is also what other processes on a shared machine disturb least.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Seconds per signature, CPU and wall clock, of `block` calls of `f`.
struct Timing {
  double cpu = 0, wall = 0;
};
template <class F>
Timing time_block(int block, F&& f) {
  double c0 = cpu_seconds();
  auto w0 = Clock::now();
  f(block);
  Timing t;
  t.cpu = (cpu_seconds() - c0) / block;
  t.wall = std::chrono::duration<double>(Clock::now() - w0).count() / block;
  return t;
}

void provider_block(EVP_PKEY* key, const char* algorithm, X509* cert, int n) {
  for (int i = 0; i < n; ++i) {
    auto ctx = provider::make_signing_context(key, algorithm);
    if (X509_sign_ctx(cert, ctx.get()) <= 0) ossl::throw_error("X509_sign_ctx");
  }
}

void raw_block(pkcs11::Session& session, CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE mechanism,
               const Bytes& input, int n) {
  CK_MECHANISM mech{mechanism, nullptr, 0};
  unsigned char sig[1024];
  for (int i = 0; i < n; ++i) {
    CK_ULONG len = sizeof sig;
    pkcs11::check_rv(session.fn()->C_SignInit(session.handle(), &mech, key), "C_SignInit");
    pkcs11::check_rv(session.fn()->C_Sign(session.handle(), const_cast<CK_BYTE_PTR>(input.data()),
                                          input.size(), sig, &len),
                     "C_Sign");
  }
}

// The provider's check of each returned signature, alone: EVP_PKEY_verify on the digest with the
// expected public key (default provider), as lib/provider/key_state.cpp does it.
void verify_block(EVP_PKEY* public_key, X509* signed_cert, int n) {
  const ASN1_BIT_STRING* sig = nullptr;
  X509_get0_signature(&sig, nullptr, signed_cert);
  Bytes digest = token_input(signed_cert, false);
  ossl::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, public_key, nullptr));
  EVP_PKEY_verify_init(ctx.get());
  EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256());
  for (int i = 0; i < n; ++i)
    if (EVP_PKEY_verify(ctx.get(), ASN1_STRING_get0_data(sig), ASN1_STRING_length(sig),
                        digest.data(), digest.size()) != 1)
      ossl::throw_error("verify");
}

// Medians over rounds of seconds per signature.
struct Result {
  double provider = 0, raw = 0, verify = 0, provider_wall = 0, raw_wall = 0;
};

Result run(pkcs11::Session& session, const std::shared_ptr<pkcs11::Module>& module,
           const pkcs11::TokenInfo& token, const pkcs11::KeyPair& pair, const Secret& pin,
           const char* algorithm, int n, int rounds) {
  bool rsa = pair.algorithm == pkcs11::KeyAlgorithm::rsa;
  auto key = provider::load_hsm_key(module, token, pair, pin);
  auto cert = tbs_certificate(pair.public_key.get());
  CK_MECHANISM_TYPE mechanism = rsa ? CKM_RSA_PKCS : CKM_ECDSA;
  // Warm-up: first-use costs (fetches, pkcs11-helper's key lookup) are not throughput. Signing
  // also fills in the TBSCertificate's signature algorithm, so the raw input exists only after.
  provider_block(key.get(), algorithm, cert.get(), 5);
  Bytes input = token_input(cert.get(), rsa);
  raw_block(session, pair.private_key, mechanism, input, 5);

  // Alternating blocks, so a burst of load from elsewhere hits one round, not one path.
  int block = std::max(1, n / rounds);
  std::vector<double> provider, raw, verify, provider_wall, raw_wall;
  for (int round = 0; round < rounds; ++round) {
    Timing p =
        time_block(block, [&](int k) { provider_block(key.get(), algorithm, cert.get(), k); });
    Timing r = time_block(
        block, [&](int k) { raw_block(session, pair.private_key, mechanism, input, k); });
    Timing v =
        time_block(block, [&](int k) { verify_block(pair.public_key.get(), cert.get(), k); });
    provider.push_back(p.cpu);
    raw.push_back(r.cpu);
    verify.push_back(v.cpu);
    provider_wall.push_back(p.wall);
    raw_wall.push_back(r.wall);
  }
  return {median(provider), median(raw), median(verify), median(provider_wall), median(raw_wall)};
}

}  // namespace

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 10;
  if (n <= 0 || rounds <= 0) {
    std::fprintf(stderr, "usage: %s [signatures-per-path [rounds]]\n", argv[0]);
    return 1;
  }
  try {
    TempToken temp;
    auto module = pkcs11::Module::load({"softhsm2", ""});
    Secret so_pin("bench-so-pin-0000"), pin("bench-user-pin-0000");
    auto token = pkcs11::init_token(module, pkcs11::find_uninitialized_slot(*module).slot,
                                    "kr-bench", so_pin, pin);
    pkcs11::Session session(module, token.slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, pin);
    auto ec =
        pkcs11::generate_key_pair(session, {"bench-p256", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    auto rsa =
        pkcs11::generate_key_pair(session, {"bench-rsa2048", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    ERR_clear_error();  // SoftHSM's in-process OpenSSL leaves engine-probing errors behind

    std::printf(
        "keyrite sign throughput on a SoftHSM2 token: %d signatures per path, medians of %d "
        "alternating rounds, thread CPU time (wall-clock ratio in brackets)\n",
        n, rounds);
    std::printf("%-9s %-24s %11s %9s %13s %13s %15s\n", "key", "algorithm", "provider/s", "raw/s",
                "ratio", "verify/sig", "other/sig");
    bool met = true;
    struct Case {
      const char* name;
      const pkcs11::KeyPair* pair;
      const char* algorithm;
    };
    for (auto c : {Case{"P-256", &ec, "ecdsa-with-SHA256"},
                   Case{"RSA-2048", &rsa, "sha256WithRSAEncryption"}}) {
      Result r = run(session, module, token, *c.pair, pin, c.algorithm, n, rounds);
      double ratio = r.raw / r.provider;
      met = met && ratio >= 0.85;
      // "other": what the provider path costs beyond the token's own work and the verification.
      std::printf("%-9s %-24s %11.0f %9.0f %5.2f [%5.2f] %10.1f us %12.1f us\n", c.name,
                  c.algorithm, 1 / r.provider, 1 / r.raw, ratio, r.raw_wall / r.provider_wall,
                  r.verify * 1e6, (r.provider - r.raw - r.verify) * 1e6);
    }
    std::printf("target ratio >= 0.85: %s\n", met ? "met" : "NOT met (see bench/README.md)");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench-sign_throughput: error: %s\n", e.what());
    return 2;
  }
}
