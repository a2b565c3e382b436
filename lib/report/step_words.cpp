// One describer per step kind, chosen by std::visit.
#include "report/step_words.h"

#include <type_traits>

namespace kr::report {
namespace {

using Lines = std::vector<std::string>;

std::string format_name(script::OutputFormat f) {
  return f == script::OutputFormat::pem ? "PEM" : "DER";
}

std::string validity(const script::Validity& v) {
  return "Valid from " + format_utc(v.not_before) + " to " + format_utc(v.not_after);
}

std::string algorithm(const std::string& name) {
  return "Signature algorithm: " +
         (name.empty() ? std::string("the profile's default for the key") : name);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void extensions(const script::ExtensionSettings& e, Lines& out) {
  if (e.path_length) out.push_back("Path length constraint: " + std::to_string(*e.path_length));
  if (!e.ca_issuers.empty()) out.push_back("CA issuers: " + join(e.ca_issuers));
  if (!e.ocsp.empty()) out.push_back("OCSP: " + join(e.ocsp));
  if (!e.crl_distribution_points.empty())
    out.push_back("CRL distribution points: " + join(e.crl_distribution_points));
  if (!e.policies.empty()) out.push_back("Policies: " + join(e.policies));
  if (!e.dns_names.empty()) out.push_back("DNS names: " + join(e.dns_names));
  if (!e.ip_addresses.empty()) out.push_back("IP addresses: " + join(e.ip_addresses));
  if (!e.emails.empty()) out.push_back("E-mail addresses: " + join(e.emails));
  if (!e.permanent_identifier.empty())
    out.push_back("Permanent identifier: " + e.permanent_identifier);
  if (!e.extended_key_usage.empty())
    out.push_back("Extended key usage: " + join(e.extended_key_usage));
  for (const auto& q : e.policy_qualifiers) {
    std::vector<std::string> parts;
    for (const auto& cps : q.cps) parts.push_back("CPS " + cps);
    if (!q.user_notice.empty()) parts.push_back("user notice \"" + q.user_notice + "\"");
    out.push_back("Policy qualifiers of " + q.policy + ": " + join(parts));
  }
  // Every subtree is shown: what the custodians approve is what the CA will be constrained to.
  auto subtrees = [&](const char* side, const script::NameSubtreesSetting& t) {
    std::vector<std::string> parts;
    for (const auto& d : t.dns_names) parts.push_back(d.empty() ? "every DNS name" : "DNS " + d);
    for (const auto& ip : t.ip_addresses) parts.push_back("IP " + ip);
    for (const auto& dn : t.directory_names) parts.push_back("directory " + dn_text(dn));
    if (!parts.empty())
      out.push_back(std::string("Name constraints, ") + side + ": " + join(parts));
  };
  subtrees("permitted", e.permitted_subtrees);
  subtrees("excluded", e.excluded_subtrees);
}

std::string printable(const std::vector<std::string>& attributes) {
  return "Written as PrintableString: " + join(attributes);
}

std::string issuer(const script::IssuerRef& i) {
  return "key " + i.key + " (issuer certificate " + i.certificate.path + ")";
}

std::string writes(const std::string& output, script::OutputFormat f) {
  return "Writes " + output + " (" + format_name(f) + ")";
}

Lines describe(const script::GenerateKey& g) {
  std::string type =
      g.type == script::KeyType::rsa ? "RSA " + std::to_string(g.bits) : "EC " + g.curve;
  Lines out{"Generate an " + type + " key pair on the token, labelled " + g.label};
  if (g.backup) out.push_back("Made for backup: only a trusted key-encryption key may wrap it");
  return out;
}

Lines describe(const script::SelfSign& s) {
  Lines out{"Sign a self-signed certificate (a root) with key " + s.key + ", profile " + s.profile,
            "Subject: " + dn_text(s.subject)};
  if (!s.subject_printable.empty()) out.push_back(printable(s.subject_printable));
  out.insert(out.end(),
             {validity(s.validity), algorithm(s.signature_algorithm), writes(s.output, s.format)});
  return out;
}

Lines describe(const script::ExportPublicKey& x) {
  return {"Export the public key of key " + x.key, writes(x.output, x.format)};
}

Lines describe(const script::Issue& s) {
  Lines out{"Issue a certificate, profile " + s.profile + ", signed by " + issuer(s.issuer)};
  if (s.csr) out.push_back("For the key and subject of the request " + s.csr->path);
  if (s.public_key) out.push_back("For the public key " + s.public_key->path);
  if (!s.subject.empty()) out.push_back("Subject: " + dn_text(s.subject));
  if (!s.subject_printable.empty()) out.push_back(printable(s.subject_printable));
  out.push_back(validity(s.validity));
  extensions(s.extensions, out);
  out.push_back(algorithm(s.signature_algorithm));
  out.push_back(writes(s.output, s.format));
  return out;
}

Lines describe(const script::CrossSign& s) {
  Lines out{"Cross-certify the CA of " + s.certificate.path + ", profile " + s.profile +
            ", signed by " + issuer(s.issuer)};
  out.push_back(validity(s.validity));
  extensions(s.extensions, out);
  out.push_back(algorithm(s.signature_algorithm));
  out.push_back(writes(s.output, s.format));
  return out;
}

Lines describe(const script::MakeCsr& s) {
  return {"Make a certificate request (CSR) signed by key " + s.key,
          "Subject: " + dn_text(s.subject), algorithm(s.signature_algorithm),
          writes(s.output, s.format)};
}

Lines describe(const script::SignCrl& s) {
  Lines out{
      "Sign a CRL, profile " + s.profile + ", with " + issuer(s.issuer),
      "This update " + format_utc(s.this_update) + ", next update " + format_utc(s.next_update)};
  if (s.revoked.empty()) out.push_back("Revokes nothing (an empty CRL)");
  for (const auto& r : s.revoked) {
    std::string line = "Revokes " + (r.certificate ? r.certificate->path : "serial " + r.serial) +
                       " as of " + format_utc(r.revocation_date);
    if (r.reason) line += std::string(", reason ") + script::revocation_reason_name(*r.reason);
    out.push_back(line);
  }
  out.push_back("CRL number from the state file " + s.state.path);
  if (s.previous_crl) out.push_back("Previous CRL: " + s.previous_crl->path);
  out.push_back(writes(s.output, s.format));
  return out;
}

Lines describe(const script::SignOcspResponse& s) {
  const bool good = s.status == script::CertificateStatus::good;
  Lines out{
      "Sign an OCSP response: " + s.certificate.path + " is " + (good ? "good" : "revoked"),
      "Signed by " + (s.signer ? "the delegated responder " + issuer(*s.signer) : issuer(s.issuer)),
      "This update " + format_utc(s.this_update) + ", next update " + format_utc(s.next_update)};
  if (s.revocation_time) out.push_back("Revoked at " + format_utc(*s.revocation_time));
  if (s.reason) out.push_back(std::string("Reason: ") + script::revocation_reason_name(*s.reason));
  out.push_back(writes(s.output, s.format));
  return out;
}

Lines describe(const script::BackupKey& b) {
  return {"Back up key " + b.key + ", wrapped under the recovery custodians' key-encryption key",
          "Writes " + b.key + ".key-backup.bin and " + b.key + ".key-backup.json into " + b.output};
}

Lines describe(const script::RestoreKey& r) {
  return {"Restore the key backed up in " + r.backup.path + " into this token, labelled " +
          r.label};
}

Lines describe(const script::DestroyKey& d) {
  return {"Destroy key " + d.key + ": its objects are removed from the token"};
}

}  // namespace

std::string dn_text(const script::DistinguishedName& dn) {
  std::string out;
  for (const auto& [type, value] : dn) out += (out.empty() ? "" : ", ") + type + "=" + value;
  return out;
}

std::vector<std::string> describe_step(const script::Step& step) {
  return std::visit([](const auto& body) { return describe(body); }, step.body);
}

}  // namespace kr::report
