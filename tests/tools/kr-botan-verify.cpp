// Test helper: Botan 2 path validation of a certificate with CRLs, from the command line, so the
// integration tests can put Botan beside openssl, certtool and vfychain.
// Usage: kr-botan-verify LEAF --anchor CERT [--intermediate CERT]... [--crl CRL]...
// Prints "OK" or the reason; exit 0 when the path validates, 1 when it does not, 2 on bad input.
#include <CLI/CLI.hpp>
#include <iostream>

#include "crosscheck/verify.h"
#include "ossl/der.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/time.h"
#include "x509/crl_io.h"

namespace {
kr::Bytes cert_der(const std::string& path) {
  return kr::ossl::cert_der(kr::ossl::read_certificate(kr::read_file(path), path).get());
}
kr::Bytes crl_der(const std::string& path) {
  return kr::x509::crl_der(kr::x509::read_crl(kr::read_file(path), path).get());
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Botan path validation for tests"};
  std::string leaf;
  std::vector<std::string> anchors, intermediates, crls;
  app.add_option("LEAF", leaf)->required();
  app.add_option("--anchor", anchors)->required();
  app.add_option("--intermediate", intermediates);
  app.add_option("--crl", crls);
  CLI11_PARSE(app, argc, argv);
  try {
    std::vector<kr::Bytes> a, i, c;
    for (const auto& p : anchors) a.push_back(cert_der(p));
    for (const auto& p : intermediates) i.push_back(cert_der(p));
    for (const auto& p : crls) c.push_back(crl_der(p));
    auto result = kr::crosscheck::validate_chain(cert_der(leaf), i, a, c, kr::utc_now());
    std::cout << (result.ok ? "OK" : result.message) << "\n";
    return result.ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "kr-botan-verify: error: " << e.what() << "\n";
    return 2;
  }
}
