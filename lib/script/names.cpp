// Tables of the names and algorithms a ceremony script may use.
#include "script/names.h"

#include <array>

namespace kr::script {
namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

constexpr std::array<int, 3> kRsaSizes = {2048, 3072, 4096};
constexpr std::array<std::string_view, 3> kCurves = {"P-256", "P-384", "P-521"};

struct Alias {
  std::string_view alias;
  std::string_view curve;
};
// OpenSSL's and SEC 2's names, which officers copy from other tools' configuration.
constexpr std::array<Alias, 4> kCurveAliases = {{{"prime256v1", "P-256"},
                                                 {"secp256r1", "P-256"},
                                                 {"secp384r1", "P-384"},
                                                 {"secp521r1", "P-521"}}};

struct Algorithm {
  std::string_view name;
  KeyType key_type;
};
constexpr std::array<Algorithm, 9> kAlgorithms = {{
    {"sha256WithRSAEncryption", KeyType::rsa},
    {"sha384WithRSAEncryption", KeyType::rsa},
    {"sha512WithRSAEncryption", KeyType::rsa},
    {"rsassaPss-sha256", KeyType::rsa},
    {"rsassaPss-sha384", KeyType::rsa},
    {"rsassaPss-sha512", KeyType::rsa},
    {"ecdsa-with-SHA256", KeyType::ec},
    {"ecdsa-with-SHA384", KeyType::ec},
    {"ecdsa-with-SHA512", KeyType::ec},
}};

constexpr auto kAlgorithmNames = [] {
  std::array<std::string_view, kAlgorithms.size()> names{};
  for (std::size_t i = 0; i < kAlgorithms.size(); ++i) names[i] = kAlgorithms[i].name;
  return names;
}();

constexpr std::array<RevocationReason, 6> kReasons = {
    RevocationReason::key_compromise,         RevocationReason::ca_compromise,
    RevocationReason::affiliation_changed,    RevocationReason::superseded,
    RevocationReason::cessation_of_operation, RevocationReason::privilege_withdrawn};

// The same order as kReasons; revocation_reason_name (model.cpp) must agree, which a test checks.
constexpr std::array<std::string_view, 6> kReasonNames = {
    "keyCompromise", "cACompromise",         "affiliationChanged",
    "superseded",    "cessationOfOperation", "privilegeWithdrawn"};

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty() || !is_lower_alnum(id[0])) return false;
  for (char c : id)
    if (!is_lower_alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

// "root-ca", or "cabf-br/root-ca": a profile in a profile set (one folder, never "..").
bool is_valid_profile_name(std::string_view name) {
  auto word = [](std::string_view w) {
    if (w.empty()) return false;
    for (char c : w)
      if (!is_lower_alnum(c) && c != '-') return false;
    return true;
  };
  auto slash = name.find('/');
  if (slash == std::string_view::npos) return word(name);
  return word(name.substr(0, slash)) && word(name.substr(slash + 1));
}

std::span<const int> rsa_key_sizes() {
  return kRsaSizes;
}
std::span<const std::string_view> ec_curves() {
  return kCurves;
}

std::optional<std::string_view> curve_alias(std::string_view name) {
  for (const auto& [alias, curve] : kCurveAliases)
    if (alias == name) return curve;
  return std::nullopt;
}

std::span<const std::string_view> signature_algorithms() {
  return kAlgorithmNames;
}

std::optional<KeyType> signature_key_type(std::string_view algorithm) {
  for (const auto& [name, type] : kAlgorithms)
    if (name == algorithm) return type;
  return std::nullopt;
}

const char* key_type_name(KeyType type) {
  return type == KeyType::rsa ? "RSA" : "EC";
}

std::span<const RevocationReason> revocation_reasons() {
  return kReasons;
}
std::span<const std::string_view> revocation_reason_names() {
  return kReasonNames;
}

}  // namespace kr::script
