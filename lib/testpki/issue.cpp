// From a node to a signed certificate. The profile does the work it does for a ceremony
// (check_request, certificate_template); a defect then changes exactly one thing, either in the
// request (validity, names, key), in the template (extensions, issuer name, key identifiers), or in
// the finished certificate (serial, extra extensions, the signature).
#include "testpki/issue.h"

#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <set>

#include "ossl/error.h"
#include "profile/certificate_template.h"
#include "profile/request_check.h"
#include "testpki/crypto.h"
#include "testpki/defects.h"
#include "testpki/expand.h"
#include "testpki/leaf_keys.h"
#include "util/error.h"
#include "x509/asn1_time.h"
#include "x509/builder.h"
#include "x509/key_purposes.h"

namespace kr::testpki {
namespace {

constexpr long long kDay = 86400;
constexpr const char* kUnknownCriticalOid = "1.3.6.1.4.1.32473.1.1";  // RFC 5612 example arc

Bytes seeded_serial(const SeededLibrary& library, const std::string& label) {
  RandomScope scope(library, label);
  Bytes serial(16);
  do {
    ossl::check(RAND_bytes_ex(library.libctx(), serial.data(), serial.size(), 0), "RAND_bytes_ex");
    serial[0] &= 0x7F;  // positive, 127 random bits, as keyrite's own serials
  } while (std::all_of(serial.begin(), serial.end(), [](auto b) { return b == 0; }));
  return serial;
}

// The ids a node's request check is expected to report: its own defect's, and the issuer
// checks a CA defect above it provokes.
std::set<std::string> expected_ids(const NodeSpec& node, const Made* issuer) {
  std::set<std::string> ids;
  if (const Defect* d = find_defect(node.defect)) {
    ids.insert(std::string(d->lint_id));
    if (node.defect == "rsa-1024") ids.insert("e_key_not_in_profile");
  }
  if (issuer && issuer->spec && find_defect(issuer->spec->defect) &&
      find_defect(issuer->spec->defect)->target == DefectTarget::ca)
    ids.insert({"e_issuer_not_ca", "e_issuer_path_len_exceeded"});
  return ids;
}

const config::Position& field_position(const NodeSpec& node, const std::string& field) {
  if (field.rfind("subject", 0) == 0) return node.subject_position;
  if (field.rfind("validity", 0) == 0) return node.validity.position;
  if (field == "key") return node.key_position;
  if (field == "issuer" || field == "extensions.ca-issuers" || field == "extensions.ocsp" ||
      field == "extensions.crl-distribution-points")
    return node.issuer_position;  // the URLs come from the issuer's base-url
  if (field == "extensions.dns-names" || field == "extensions.ip-addresses" ||
      field == "extensions.emails")
    return node.san_position;
  return node.position;
}

template <class T>
T* find_spec(x509::CertificateTemplate& t) {
  for (auto& s : t.extensions)
    if (auto* v = std::get_if<T>(&s.value)) return v;
  return nullptr;
}

template <class T>
void remove_spec(x509::CertificateTemplate& t) {
  std::erase_if(t.extensions, [](const auto& s) { return std::holds_alternative<T>(s.value); });
}

void add_critical_unknown_extension(X509* cert) {
  std::unique_ptr<ASN1_OBJECT, ossl::Deleter<ASN1_OBJECT_free>> oid(
      OBJ_txt2obj(kUnknownCriticalOid, 1));
  ossl::Asn1OctetStringPtr value(ASN1_OCTET_STRING_new());
  static const unsigned char der_null[] = {0x05, 0x00};
  if (!oid || !value || ASN1_OCTET_STRING_set(value.get(), der_null, sizeof der_null) != 1)
    ossl::throw_error("making the unknown extension");
  ossl::X509ExtensionPtr ext(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 1, value.get()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
    ossl::throw_error("adding the unknown extension");
}

void duplicate_eku(X509* cert) {
  int at = X509_get_ext_by_NID(cert, NID_ext_key_usage, -1);
  if (at < 0) throw Error("duplicate-extension needs an extendedKeyUsage to repeat");
  ossl::X509ExtensionPtr copy(X509_EXTENSION_dup(X509_get_ext(cert, at)));
  if (!copy || X509_add_ext(cert, copy.get(), -1) != 1)
    ossl::throw_error("repeating extendedKeyUsage");
}

void make_serial_negative(X509* cert) {
  // ASN1_INTEGER is a public ASN1_STRING: the sign lives in its type.
  ASN1_INTEGER* serial = X509_get_serialNumber(cert);
  serial->type = V_ASN1_NEG_INTEGER;
}

void flip_signature(X509* cert) {
  const ASN1_BIT_STRING* sig = nullptr;
  X509_get0_signature(&sig, nullptr, cert);
  auto* s = const_cast<ASN1_BIT_STRING*>(sig);  // the defect is exactly this change
  if (!s || s->length == 0) throw Error("the certificate has no signature to spoil");
  s->data[s->length - 1] ^= 0x01;
}

}  // namespace

std::string node_profile(const NodeSpec& node) {
  if (!node.profile.empty()) return node.profile;
  switch (node.kind) {
    case NodeKind::root:
      return "test-root-ca";
    case NodeKind::intermediate:
      return "test-intermediate-ca";
    case NodeKind::cross:
      return "test-cross-ca";
    case NodeKind::leaf:
      return "test-tls-server";
  }
  return "";
}

std::pair<UtcTime, UtcTime> node_validity(const NodeSpec& node, UtcTime reference) {
  const bool leaf = node.kind == NodeKind::leaf;
  const ValiditySpec& v = node.validity;
  TimeSpec nb = v.not_before;
  if (!nb.absolute && nb.offset == 0 && v.position.line == node.position.line &&
      v.position.column == node.position.column)
    nb.offset = leaf ? -kDay : -30 * kDay;  // no validity given at all
  UtcTime not_before = nb.resolve(reference);
  if (v.not_after) return {not_before, v.not_after->resolve(reference)};
  long long lifetime = v.lifetime                    ? *v.lifetime
                       : leaf                        ? 90 * kDay
                       : node.kind == NodeKind::root ? 20 * 365 * kDay
                                                     : 10 * 365 * kDay;
  return {not_before, not_before + std::chrono::seconds(lifetime)};
}

std::optional<Made> issue(const IssueContext& c, const NodeSpec& node, int n, const Made* issuer,
                          const Made* certified, config::Diagnostics& diagnostics) {
  Made made;
  made.name = expand(node.name, n);
  made.spec = &node;
  made.issuer = issuer;
  const std::string& defect = node.defect;

  if (node.kind == NodeKind::cross) {
    made.key = certified->key;
  } else {
    RandomScope scope(c.library, made.name + "/key");
    made.own_key = defect == "rsa-1024"          ? generate_rsa_1024(c.library.libctx())
                   : node.kind == NodeKind::leaf ? generate_leaf_key(c.library.libctx(), node.key)
                                                 : generate_key(c.library.libctx(), node.key);
    made.key = made.own_key.get();
  }

  profile::CertificateRequest request;
  // A cross-certificate's subject and key are the certified CA's (request.existing).
  if (node.subject.empty() && node.kind != NodeKind::cross) request.subject = {{"CN", made.name}};
  for (const auto& [type, value] : node.subject)
    request.subject.emplace_back(type, expand(value, n));
  std::tie(request.not_before, request.not_after) = node_validity(node, c.reference);
  if (defect == "expired") {
    request.not_before = c.reference - std::chrono::seconds(20 * kDay);
    request.not_after = c.reference - std::chrono::seconds(kDay);
  } else if (defect == "not-yet-valid") {
    auto length = request.not_after - request.not_before;
    request.not_before = c.reference + std::chrono::seconds(kDay);
    request.not_after = request.not_before + length;
  } else if (defect == "outlives-issuer" && issuer) {
    if (auto issuer_end = x509::from_asn1_time(X509_get0_notAfter(issuer->cert.get())))
      request.not_after = *issuer_end + std::chrono::seconds(kDay);
  }
  request.public_key = node.kind == NodeKind::cross ? nullptr : made.key;
  request.issuer = issuer ? issuer->cert.get() : nullptr;
  request.existing = certified ? certified->cert.get() : nullptr;
  if (node.kind == NodeKind::leaf) {
    for (const auto& d : node.dns) request.settings.dns_names.push_back(expand(d, n));
    for (const auto& ip : node.ip) request.settings.ip_addresses.push_back(expand(ip, n));
    for (const auto& e : node.email) request.settings.emails.push_back(expand(e, n));
    const bool has_cn = std::any_of(request.subject.begin(), request.subject.end(),
                                    [](const auto& a) { return a.first == "CN"; });
    if (node.dns.empty() && node.ip.empty() && node.email.empty() && has_cn &&
        profile::find_setting(c.profile, profile::Setting::dns_names))
      for (const auto& [type, value] : request.subject)
        if (type == "CN") request.settings.dns_names.push_back(value);
    if (defect == "name-mismatch") {
      request.settings.dns_names = {"mismatch.invalid"};
      request.settings.ip_addresses.clear();
    }
  }
  if (issuer && !issuer->spec->base_url.empty()) {
    // Where a verifier or OCSP client finds what the issuer publishes: generate() writes those
    // files under these names, so serving the output directory at base-url answers them.
    const std::string& base = issuer->spec->base_url;
    request.settings.ca_issuers = {base + "/" + issuer->name + ".der"};
    request.settings.ocsp = {base + "/ocsp"};
    request.settings.crl_distribution_points = {base + "/" + issuer->name + ".crl"};
  }
  request.settings.policies = node.policies;
  request.settings.path_length = node.path_length;
  if (!node.signature_algorithm.empty()) request.signature_algorithm = node.signature_algorithm;

  const auto expected = expected_ids(node, issuer);
  bool refused = false;
  const auto violations = c.check == RequestCheck::run ? profile::check_request(c.profile, request)
                                                       : std::vector<profile::Violation>{};
  for (const auto& v : violations) {
    if (expected.count(v.id)) continue;
    config::Position at = field_position(node, v.field);
    diagnostics.add(at, (n > 1 || node.count > 1 ? made.name + ": " : std::string()) + v.field +
                            ": " + v.message + " (" + v.id + ", profile " + c.profile.name + ")");
    refused = true;
  }
  if (refused) return std::nullopt;

  x509::CertificateTemplate t = profile::certificate_template(
      c.profile, request, seeded_serial(c.library, made.name + "/serial"));
  x509::DistinguishedName wrong_issuer;
  if (defect == "wrong-issuer-name" && issuer) {
    wrong_issuer = x509::read_name(X509_get_subject_name(issuer->cert.get()));
    for (auto& [type, value] : wrong_issuer)
      if (type == "CN") value += " (wrong)";
    t.issuer = wrong_issuer;
    t.issuer_name = nullptr;
  }
  if (defect == "wrong-aki")
    for (auto& b : t.issuer_key_id) b ^= 0xFF;
  if (defect == "missing-ski") remove_spec<x509::SubjectKeyIdentifier>(t);
  if (defect == "missing-basic-constraints") remove_spec<x509::BasicConstraints>(t);
  if (auto* bc = find_spec<x509::BasicConstraints>(t)) {
    if (defect == "ca-false-issuer") bc->ca = false;
    if (defect == "pathlen-exceeded") bc->path_len = 0;
  }
  if (!node.eku.empty() || defect == "wrong-eku") {
    std::vector<std::string> oids;
    for (const auto& name : node.eku) oids.push_back(*x509::key_purpose_oid(name));
    if (defect == "wrong-eku") oids = {*x509::key_purpose_oid("codeSigning")};
    if (auto* eku = find_spec<x509::ExtendedKeyUsage>(t))
      eku->purposes = oids;
    else
      t.extensions.push_back({x509::ExtendedKeyUsage{oids, {}, {}}, false, false});
  }

  made.cert = x509::build_certificate(t);
  if (defect == "negative-serial") make_serial_negative(made.cert.get());
  if (defect == "duplicate-extension") duplicate_eku(made.cert.get());
  if (defect == "critical-unknown-extension") add_critical_unknown_extension(made.cert.get());

  EVP_PKEY* signer = issuer ? issuer->key : made.key;
  std::string algorithm =
      node.signature_algorithm.empty() ? default_algorithm_for(signer) : node.signature_algorithm;
  if (defect == "sha1-signature")
    algorithm = EVP_PKEY_is_a(signer, "RSA") == 1 ? "sha1WithRSAEncryption" : "ecdsa-with-SHA1";
  {
    RandomScope scope(c.library, made.name + "/signature");
    if (c.signers)
      c.signers->sign_certificate(made.cert.get(), signer, algorithm);
    else
      sign_certificate(made.cert.get(), c.library.libctx(), signer, algorithm);
  }
  if (defect == "bad-signature") flip_signature(made.cert.get());
  return made;
}

}  // namespace kr::testpki
