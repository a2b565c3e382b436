// lint::read_artifacts and read_input: PEM by label, DER by trying each parser, bundles of either,
// and every way an input can be unreadable, with the exact reason.
#include "lint/input.h"

#include <doctest/doctest.h>
#include <openssl/pem.h>

#include <fstream>

#include "unit/lint/lint_support.h"
#include "util/error.h"

using namespace kr;
using lint::ArtifactType;

namespace {

std::string realworld_text(const std::string& file) {
  Bytes b = read_file(test::realworld_dir() / file);
  return std::string(b.begin(), b.end());
}

std::vector<lint::Artifact> read_text(const std::string& text) {
  return lint::read_artifacts(as_bytes(text));
}

Bytes der_of_pem(const std::string& file) {
  return ossl::cert_der(test::realworld_cert(file).get());
}

}  // namespace

TEST_SUITE("lint::input") {
  TEST_CASE("a PEM bundle of certificates and a CRL gives one artifact each, in order") {
    std::string text =
        "a comment before the first block\n" + realworld_text("amazon-root-ca-1.pem") +
        realworld_text("crl-globalsign-root-r2-2020-04.pem") + realworld_text("le-r3.pem");
    auto a = read_text(text);
    REQUIRE(a.size() == 3);
    CHECK(a[0].type == ArtifactType::certificate);
    CHECK(a[1].type == ArtifactType::crl);
    CHECK(a[2].type == ArtifactType::certificate);
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].index == i);
      CHECK(a[i].error.empty());
    }
    CHECK(a[0].cert);
    CHECK(a[1].crl);
    CHECK(a[0].der == der_of_pem("amazon-root-ca-1.pem"));
  }

  TEST_CASE("DER is detected by parsing: a certificate, a CRL, and two certificates back to back") {
    Bytes cert = der_of_pem("amazon-root-ca-3.pem");
    auto one = lint::read_artifacts(cert);
    REQUIRE(one.size() == 1);
    CHECK(one[0].type == ArtifactType::certificate);
    CHECK(one[0].error.empty());

    auto crl = test::make_crl(test::realworld_cert("amazon-root-ca-3.pem").get(), {{5}});
    auto crl_artifacts = lint::read_artifacts(test::crl_der(crl.get()));
    REQUIRE(crl_artifacts.size() == 1);
    CHECK(crl_artifacts[0].type == ArtifactType::crl);

    Bytes two = cert;
    Bytes other = der_of_pem("le-e1.pem");
    two.insert(two.end(), other.begin(), other.end());
    auto both = lint::read_artifacts(two);
    REQUIRE(both.size() == 2);
    CHECK(both[1].index == 1);
    CHECK(both[1].der == other);
  }

  TEST_CASE("OpenSSL's TRUSTED CERTIFICATE form and a CSR are read by their labels") {
    auto cert = test::realworld_cert("isrg-root-x2.pem");
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    REQUIRE(PEM_write_bio_X509_AUX(bio.get(), cert.get()) == 1);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    auto trusted = read_text(std::string(data, static_cast<std::size_t>(len)));
    REQUIRE(trusted.size() == 1);
    CHECK(trusted[0].error.empty());
    CHECK(trusted[0].type == ArtifactType::certificate);

    ossl::X509ReqPtr req(X509_REQ_new());
    auto name = test::name_of("Request");
    X509_REQ_set_subject_name(req.get(), name.get());
    X509_REQ_set_pubkey(req.get(), test::ca_key());
    REQUIRE(X509_REQ_sign(req.get(), test::ca_key(), EVP_sha256()) > 0);
    ossl::BioPtr out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(out.get(), req.get());
    len = BIO_get_mem_data(out.get(), &data);
    auto csr = read_text(std::string(data, static_cast<std::size_t>(len)));
    REQUIRE(csr.size() == 1);
    CHECK(csr[0].type == ArtifactType::csr);
    CHECK(csr[0].csr);
  }

  TEST_CASE("unreadable inputs say why, and a bad block does not hide the good ones") {
    CHECK(lint::read_artifacts({})[0].error == "the input is empty");
    CHECK(read_text("hello, world\n")[0].error ==
          "not PEM, and not a DER certificate, CRL, CSR or OCSP response");

    std::string good = realworld_text("amazon-root-ca-4.pem");
    auto unknown =
        read_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" + good);
    REQUIRE(unknown.size() == 2);
    CHECK(unknown[0].error ==
          "a \"PRIVATE KEY\" PEM block is not a certificate, CRL, CSR or OCSP response");
    CHECK_FALSE(unknown[0].type);
    CHECK(unknown[1].error.empty());

    auto truncated = read_text(good + good.substr(0, good.size() / 2));
    REQUIRE(truncated.size() == 2);
    CHECK(truncated[0].error.empty());
    CHECK(truncated[1].error == "the \"CERTIFICATE\" PEM block has no END line");
    CHECK(truncated[1].type == ArtifactType::certificate);

    auto bad_base64 = read_text("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
    REQUIRE(bad_base64.size() == 1);
    CHECK(bad_base64[0].error.rfind("the \"CERTIFICATE\" PEM block does not decode", 0) == 0);

    // A CRL under a CERTIFICATE label is not guessed at.
    std::string crl = realworld_text("crl-intel-sgx-root-ca-2019-05.pem");
    std::string relabelled = "-----BEGIN CERTIFICATE-----" +
                             crl.substr(crl.find('\n'), crl.find("-----END") - crl.find('\n')) +
                             "-----END CERTIFICATE-----\n";
    auto wrong = read_text(relabelled);
    REQUIRE(wrong.size() == 1);
    CHECK(wrong[0].error.rfind("the \"CERTIFICATE\" PEM block is not a DER certificate", 0) == 0);
    CHECK_FALSE(wrong[0].cert);

    Bytes der = der_of_pem("amazon-root-ca-3.pem");
    std::size_t size = der.size();
    der.insert(der.end(), {0x01, 0x02, 0x03});
    auto trailing = lint::read_artifacts(der);
    REQUIRE(trailing.size() == 2);
    CHECK(trailing[0].error.empty());
    CHECK(trailing[1].error == "3 bytes after offset " + std::to_string(size) +
                                   " are not a DER certificate, CRL, CSR or OCSP response");
  }

  TEST_CASE("read_input refuses what is missing, a directory and what is too large") {
    auto dir = test::lint_temp_dir("read_input");
    CHECK_THROWS_WITH_AS(lint::read_input((dir / "absent.pem").string()),
                         "cannot read: No such file or directory", Error);
    CHECK_THROWS_WITH_AS(lint::read_input(dir.string()), "is a directory", Error);
    std::ofstream(dir / "eleven") << "0123456789\n";
    CHECK_THROWS_WITH_AS(lint::read_input((dir / "eleven").string(), 10),
                         "is larger than 10 bytes, the most kr-lint reads", Error);
    CHECK(lint::read_input((dir / "eleven").string(), 11).size() == 11);
    CHECK(lint::kMaxInputBytes == 64u << 20);
  }
}
