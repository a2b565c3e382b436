// Inventory entries of real certificates, against values computed by the openssl command line
// (serial, SHA-256 of the DER certificate, SHA-256 of the DER public key) and the URLs it prints.
#include "x509/inventory.h"

#include <doctest/doctest.h>

#include "unit/x509/test_support.h"
#include "util/error.h"

using namespace kr;

TEST_SUITE("x509::inventory") {
  TEST_CASE("Amazon RSA 2048 M01: names, serial, validity, hashes and every URL") {
    // openssl x509 -serial -fingerprint -sha256; openssl pkey -pubin -outform DER | sha256sum
    auto e = x509::inventory_entry(test::realworld_cert("amazon-rsa-2048-m01.pem").get());
    CHECK(e.subject == "C = US, O = Amazon, CN = Amazon RSA 2048 M01");
    CHECK(e.issuer == "C = US, O = Amazon, CN = Amazon Root CA 1");
    CHECK(e.serial == "077312380b9d6688a33b1ed9bf9ccda68e0e0f");
    CHECK(e.not_before == "2022-08-23T22:21:28Z");
    CHECK(e.not_after == "2030-08-23T22:21:28Z");
    CHECK(e.certificate_sha256 ==
          "5338ebec8fb2ac60996126d3e76aa34fd0f3318ac78ebb7ac8f6f1361f484b33");
    CHECK(e.spki_sha256 == "0f11f8b6de342fe79db85eacce963a4ce365c6166105dfa927dc1b1e54367eec");
    CHECK(e.ca_issuers ==
          std::vector<std::string>{"http://crt.rootca1.amazontrust.com/rootca1.cer"});
    CHECK(e.ocsp == std::vector<std::string>{"http://ocsp.rootca1.amazontrust.com"});
    CHECK(e.crl_urls == std::vector<std::string>{"http://crl.rootca1.amazontrust.com/rootca1.crl"});
  }

  TEST_CASE("Let's Encrypt R3 has no OCSP URL; a root has no URLs at all") {
    auto r3 = x509::inventory_entry(test::realworld_cert("le-r3.pem").get());
    CHECK(r3.serial == "912b084acf0c18a753f6d62e25a75f5a");
    CHECK(r3.certificate_sha256 ==
          "67add1166b020ae61b8f5fc96813c04c2aa589960796865572a3c7e737613dfd");
    CHECK(r3.spki_sha256 == "8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d");
    CHECK(r3.ca_issuers == std::vector<std::string>{"http://x1.i.lencr.org/"});
    CHECK(r3.ocsp.empty());
    CHECK(r3.crl_urls == std::vector<std::string>{"http://x1.c.lencr.org/"});
    auto root = x509::inventory_entry(test::realworld_cert("amazon-root-ca-1.pem").get());
    CHECK(root.subject == root.issuer);
    CHECK(root.ca_issuers.empty());
    CHECK(root.ocsp.empty());
    CHECK(root.crl_urls.empty());
  }

  TEST_CASE("every real certificate gives an entry; no certificate is an error") {
    for (const auto& entry : std::filesystem::directory_iterator(test::realworld_dir())) {
      auto name = entry.path().filename().string();
      if (entry.path().extension() != ".pem" || name.rfind("crl-", 0) == 0) continue;
      CAPTURE(name);
      auto e = x509::inventory_entry(test::realworld_cert(name).get());
      CHECK(e.certificate_sha256.size() == 64);
      CHECK(e.spki_sha256.size() == 64);
      CHECK(e.not_before < e.not_after);  // same format, so text order is time order
    }
    CHECK_THROWS_WITH_AS(x509::inventory_entry(nullptr), "inventory entry: there is no certificate",
                         Error);
  }
}
