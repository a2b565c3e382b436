// What a script may name: ids, profile names, key sizes, curves, signature algorithms and
// revocation reasons, with the policy reference each rule comes from (CPS 6.1.5 for keys, Appendix
// A for algorithms).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "script/model.h"

namespace kr::script {

// [a-z0-9][a-z0-9._-]*: ceremony and step ids end up in file names and event records.
bool is_valid_id(std::string_view id);
inline constexpr std::string_view kIdRule =
    "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit";
// [a-z0-9-]+, optionally after "SET/": a profile is a file name under templates/profiles/ or a
// profile set's folder there (cabf-br/root-ca).
bool is_valid_profile_name(std::string_view name);

std::span<const int> rsa_key_sizes();           // 2048, 3072, 4096
std::span<const std::string_view> ec_curves();  // P-256, P-384, P-521
// The NIST name for an OpenSSL or SEC name of a supported curve ("prime256v1" -> "P-256").
std::optional<std::string_view> curve_alias(std::string_view name);

std::span<const std::string_view> signature_algorithms();
// The key type an algorithm signs with; nullopt for an unknown name.
std::optional<KeyType> signature_key_type(std::string_view algorithm);

const char* key_type_name(KeyType type);  // "RSA", "EC" for messages

// The RFC 5280 CRLReason values a script may give, in code order, and their names.
std::span<const RevocationReason> revocation_reasons();
std::span<const std::string_view> revocation_reason_names();

}  // namespace kr::script
