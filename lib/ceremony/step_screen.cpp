#include "ceremony/step_screen.h"

#include <sstream>

#include "util/bytes.h"
#include "util/pgp_words.h"
#include "util/plural.h"
#include "util/time.h"

namespace kr::ceremony {
namespace {

std::string dn(const script::DistinguishedName& name) {
  std::string out;
  for (const auto& [attribute, value] : name)
    out += (out.empty() ? "" : ", ") + attribute + "=" + value;
  return out;
}

std::string validity(const script::Validity& v) {
  return format_utc(v.not_before) + " to " + format_utc(v.not_after);
}

std::string key_type(const script::GenerateKey& g) {
  return g.type == script::KeyType::rsa ? "RSA " + std::to_string(g.bits) : "EC " + g.curve;
}

// "key root-ca-1 (RSA 4096, generated in step key-1)" when the script made it, else "key L (on
// the token)".
std::string key_named(const script::Script& s, const std::string& label) {
  for (const auto& step : s.steps)
    if (const auto* g = std::get_if<script::GenerateKey>(&step.body); g && g->label == label)
      return "key " + label + " (" + key_type(*g) + ", generated in step " + step.id + ")";
  return "key " + label + " (already on the token)";
}

std::string issuer(const script::Script& s, const script::IssuerRef& i) {
  return key_named(s, i.key) + ", certificate " + i.certificate.path;
}

void describe(std::ostream& o, const script::Script& s, const script::Step& step) {
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, script::GenerateKey>) {
          o << "  creates:  key " << b.label << ", " << key_type(b) << " in token \""
            << s.token.label << "\"" << (b.backup ? " (may be backed up)" : "") << "\n";
        } else if constexpr (std::is_same_v<T, script::SelfSign>) {
          o << "  creates:  " << b.output << ", a self-signed certificate (profile " << b.profile
            << ")\n  subject:  " << dn(b.subject) << "\n  validity: " << validity(b.validity)
            << "\n  signs with " << key_named(s, b.key) << "\n";
        } else if constexpr (std::is_same_v<T, script::Issue>) {
          o << "  creates:  " << b.output << ", a certificate (profile " << b.profile << ")\n"
            << "  subject:  "
            << (b.subject.empty() ? "as in the CSR " + b.csr->path : dn(b.subject))
            << "\n  validity: " << validity(b.validity) << "\n  issuer:   " << issuer(s, b.issuer)
            << "\n";
        } else if constexpr (std::is_same_v<T, script::CrossSign>) {
          o << "  creates:  " << b.output << ", a cross-certificate (profile " << b.profile
            << ") of " << b.certificate.path << "\n  validity: " << validity(b.validity)
            << "\n  issuer:   " << issuer(s, b.issuer) << "\n";
        } else if constexpr (std::is_same_v<T, script::MakeCsr>) {
          o << "  creates:  " << b.output
            << ", a certificate request\n  subject:  " << dn(b.subject) << "\n  signs with "
            << key_named(s, b.key) << "\n";
        } else if constexpr (std::is_same_v<T, script::SignCrl>) {
          o << "  creates:  " << b.output << ", a CRL with "
            << count_of(b.revoked.size(), "revoked certificate")
            << "\n  updates:  " << format_utc(b.this_update) << " to " << format_utc(b.next_update)
            << "\n  issuer:   " << issuer(s, b.issuer) << "\n  CRL number from " << b.state.path
            << "\n";
        } else if constexpr (std::is_same_v<T, script::SignOcspResponse>) {
          o << "  creates:  " << b.output << ", an OCSP response ("
            << (b.status == script::CertificateStatus::good ? "good" : "revoked") << ") for "
            << b.certificate.path << "\n  issuer:   " << issuer(s, b.issuer) << "\n";
        } else if constexpr (std::is_same_v<T, script::ExportPublicKey>) {
          o << "  creates:  " << b.output << ", the public key of " << key_named(s, b.key) << "\n";
        } else if constexpr (std::is_same_v<T, script::BackupKey>) {
          o << "  creates:  " << b.output << "/, an encrypted backup of " << key_named(s, b.key)
            << "\n";
        } else if constexpr (std::is_same_v<T, script::RestoreKey>) {
          o << "  creates:  key " << b.label << " from the backup " << b.backup.path << "\n";
        } else if constexpr (std::is_same_v<T, script::DestroyKey>) {
          o << "  destroys: " << key_named(s, b.key) << "\n";
        }
      },
      step.body);
}

Bytes from_hex_digits(const std::string& hex) {
  Bytes out;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  return out;
}

}  // namespace

std::string step_screen(const script::Script& script, std::size_t index,
                        const std::string& step_sha256, const std::string& word) {
  const auto& step = script.steps.at(index);
  std::ostringstream o;
  o << "\n== step " << index + 1 << " of " << script.steps.size() << ": " << step.id << " ("
    << script::step_kind(step.body) << ") ==\n";
  if (!step.description.empty()) o << "  " << step.description << "\n";
  describe(o, script, step);
  o << "  step text SHA-256 (what each approval signs): " << step_sha256 << "\n"
    << pgp_word_rows(from_hex_digits(step_sha256)) << "\n";
  if (!word.empty()) o << "  to approve, each custodian types: " << word << "\n";
  return o.str();
}

}  // namespace kr::ceremony
