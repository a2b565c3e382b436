// ossl: the one rule that tells DER from PEM (pem_or_der.h), at its edges: DER that holds a BEGIN
// line, PEM after other text, and input that is neither.
#include "ossl/pem_or_der.h"

#include <doctest/doctest.h>
#include <openssl/err.h>

#include <filesystem>

#include "ossl/der.h"
#include "util/atomic_file.h"
#include "util/error.h"

using namespace kr;

namespace {

std::string realworld_text(const std::string& name) {
  auto bytes =
      read_file(std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "realworld" / name);
  return std::string(bytes.begin(), bytes.end());
}

// A self-signed certificate whose common name is `cn`, so that the DER holds the text as written.
ossl::X509Ptr certificate_named(const std::string& cn) {
  ossl::EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  ossl::X509Ptr cert(X509_new());
  REQUIRE(key);
  REQUIRE(cert);
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
  return cert;
}

}  // namespace

TEST_SUITE("ossl::pem_or_der") {
  TEST_CASE("DER that holds a BEGIN line is DER, and reads as a certificate") {
    auto cert = certificate_named("-----BEGIN CERTIFICATE-----");
    Bytes der = ossl::cert_der(cert.get());
    std::string_view text(reinterpret_cast<const char*>(der.data()), der.size());
    REQUIRE(text.find("-----BEGIN ") != std::string_view::npos);
    CHECK(ossl::looks_like_der(der));
    CHECK_FALSE(ossl::is_pem(der));
    // Before the one rule, read_pem_or_der took any BEGIN line for PEM and refused this file.
    CHECK(ossl::cert_der(ossl::read_certificate(der, "begin.der").get()) == der);

    // DER objects one after another: only the first one is looked at.
    Bytes two = der;
    two.insert(two.end(), der.begin(), der.end());
    CHECK(ossl::looks_like_der(two));
  }

  TEST_CASE("PEM after text or blank lines is PEM, a line starting with 0 included") {
    std::string pem = realworld_text("amazon-root-ca-1.pem");
    for (std::string before : {"", "\n\n  \t\n", "Subject: Amazon Root CA 1\n", "0\n", "0 x\n"}) {
      CAPTURE(before);
      const std::string joined = before + pem;
      ByteView data = as_bytes(joined);
      CHECK_FALSE(ossl::looks_like_der(data));
      CHECK(ossl::is_pem(data));
      CHECK(ossl::read_certificate(data, "pem"));
    }
  }

  TEST_CASE("empty input, text without a BEGIN line and a bare SEQUENCE byte are neither") {
    for (std::string data : {std::string(), std::string("hello\n"), std::string("0"),
                             std::string("-----BEGINX-----\n"), std::string("\x30\x05\x02", 3)}) {
      CAPTURE(data);
      CHECK_FALSE(ossl::looks_like_der(as_bytes(data)));
      CHECK_FALSE(ossl::is_pem(as_bytes(data)));
      CHECK_THROWS_WITH_AS(ossl::read_certificate(as_bytes(data), "x"),
                           doctest::Contains("x: not a PEM or DER certificate"), Error);
    }
    // A failed DER probe leaves nothing on OpenSSL's error queue for a later reader to misreport.
    ERR_clear_error();
    CHECK_FALSE(ossl::looks_like_der(as_bytes(std::string("\x30\x80\x04", 3))));
    CHECK(ERR_peek_error() == 0);
  }
}
