#include "testpki/artifacts.h"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>

#include <algorithm>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "testpki/manifest.h"
#include "testpki/revocation.h"
#include "x509/asn1_time.h"
#include "x509/key_info.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::testpki {
namespace {

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

bool wants(const NodeSpec& node, std::string_view kind) {
  return std::find(node.outputs.begin(), node.outputs.end(), kind) != node.outputs.end();
}

Bytes pkcs12_der(const ArtifactContext& c, const Made& made, const std::string& password) {
  RandomScope scope(c.library, made.name + "/pkcs12");
  // sk_X509_free is a macro, so the stack needs a class deleter; it frees the stack only.
  struct StackFree {
    void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
  };
  std::unique_ptr<STACK_OF(X509), StackFree> chain(sk_X509_new_null());
  for (const Made* at = made.issuer; at; at = at->issuer) sk_X509_push(chain.get(), at->cert.get());
  // Defaults of OpenSSL 3: PBES2 with AES-256-CBC and PBKDF2 (2048 iterations), HMAC-SHA256 MAC;
  // Java 8u301+ and .NET open these.
  ossl::Owned<PKCS12, PKCS12_free> p12(PKCS12_create_ex(password.c_str(), made.name.c_str(),
                                                        made.key, made.cert.get(), chain.get(), 0,
                                                        0, 0, 0, 0, c.library.libctx(), nullptr));
  // The chain's certificates belong to their nodes; the stack only borrowed them.
  if (!p12) ossl::throw_error("making " + made.name + ".p12");
  return ossl::to_der(p12.get(), i2d_PKCS12, made.name + ".p12");
}

// The certificate's own SubjectPublicKeyInfo bytes, re-encoded from the parsed structure only
// (ossl::spki_sha256_hex would encode the key again, an EC point conversion per leaf).
std::string spki_sha256_hex(const X509* cert) {
  return ossl::sha256_hex(ossl::spki_der(cert));
}

}  // namespace

std::string certificate_pem(const X509* cert) {
  return ossl::cert_pem(cert);
}

// EVP_PKEY2PKCS8 rather than PEM_write_bio_PrivateKey: the same PKCS#8 PEM, but a built-in EC key
// (leaf_keys.h) is encoded by its ASN.1 method instead of through two encoder look-ups.
std::string private_key_pem(EVP_PKEY* key) {
  ossl::Owned<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free> p8(EVP_PKEY2PKCS8(key));
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!p8 || !bio || PEM_write_bio_PKCS8_PRIV_KEY_INFO(bio.get(), p8.get()) != 1)
    ossl::throw_error("encoding a private key");
  return bio_text(bio.get());
}

nlohmann::json write_artifacts(const ArtifactContext& c, const Made& made,
                               const std::string& chain_pem, const std::string& root_pem,
                               const std::string& profile, bool revoked) {
  const NodeSpec& node = *made.spec;
  const X509* cert = made.cert.get();
  nlohmann::json files = nlohmann::json::array();
  auto put = [&](const std::string& file, const std::string& kind, ByteView bytes, mode_t mode) {
    c.files.write(file, bytes, mode);
    files.push_back({{"path", file}, {"kind", kind}, {"sha256", ossl::sha256_hex(bytes)}});
  };
  const Bytes der = ossl::cert_der(cert);
  const std::string pem = certificate_pem(cert);
  if (wants(node, "crt")) put(made.name + ".crt", "certificate-pem", as_bytes(pem), 0644);
  if (wants(node, "der")) put(made.name + ".der", "certificate-der", der, 0644);
  const bool has_key = made.own_key != nullptr;
  if (has_key && wants(node, "key"))
    put(made.name + ".key", "private-key-pkcs8-pem", as_bytes(private_key_pem(made.key)), 0600);
  if (made.issuer && wants(node, "chain")) {
    std::string chain = pem + chain_pem;
    put(made.name + ".chain.pem", "chain-pem", as_bytes(chain), 0644);
  }
  if (wants(node, "fullchain")) {
    std::string full = pem + chain_pem + (made.issuer ? root_pem : "");
    put(made.name + ".fullchain.pem", "fullchain-pem", as_bytes(full), 0644);
  }
  if (has_key && wants(node, "p12") && !node.pkcs12_password.empty())
    put(made.name + ".p12", "pkcs12", pkcs12_der(c, made, node.pkcs12_password), 0600);
  if (node.ocsp && made.issuer)
    put(made.name + ".ocsp.der", "ocsp-response-der",
        ocsp_response(c.library, made, revoked, c.reference), 0644);

  nlohmann::json entry = {{"name", made.name},
                          {"node", node.name},
                          {"kind", node_kind_name(node.kind)},
                          {"profile", profile},
                          {"subject", x509::name_text(X509_get_subject_name(cert))},
                          {"issuer", x509::name_text(X509_get_issuer_name(cert))},
                          {"serial", x509::serial_hex(X509_get0_serialNumber(cert))},
                          {"not-before", manifest_time(X509_get0_notBefore(cert))},
                          {"not-after", manifest_time(X509_get0_notAfter(cert))},
                          {"key", x509::describe_key(X509_get0_pubkey(cert)).text},
                          {"spki-sha256", spki_sha256_hex(cert)},
                          {"certificate-sha256", ossl::sha256_hex(der)},
                          {"files", files}};
  if (!node.defect.empty()) entry["defect"] = node.defect;
  if (revoked) entry["revoked"] = true;
  return entry;
}

}  // namespace kr::testpki
