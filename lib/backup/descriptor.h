// The backup descriptor: the JSON file beside a wrapped key that says what is inside, how it was
// wrapped, which KEK wraps it (by check value) and the blob's hash, authenticated by an HMAC
// under a key derived from the KEK. Format in lib/backup/README.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "backup/kek.h"
#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::backup {

inline constexpr const char* kDescriptorFormat = "keyrite-key-backup";
inline constexpr int kDescriptorVersion = 1;
inline constexpr const char* kWrapAlgorithm = "rfc5649-aes-256";
inline constexpr const char* kWrapPayload = "pkcs8-private-key-info";
inline constexpr const char* kKekCheckMethod =
    "hkdf-sha256(kek, salt=\"keyrite key backup v1\", info=\"kek check value\")";

struct BackupDescriptor {
  std::string created;  // RFC 3339 UTC
  // key
  std::string label;
  Bytes id;
  std::string key_type;  // "RSA" or "EC"
  int bits = 0;
  std::string curve;  // "P-256" ... for EC, empty for RSA
  Bytes spki_der;
  std::string spki_sha256;  // hex
  // wrap
  std::string source_mechanism;  // the PKCS#11 mechanism that computed RFC 5649 on the source
  std::string kek_check_value;   // hex
  bool kek_trusted = false;      // the KEK was CKA_TRUSTED on the source token
  // blob
  std::string blob_file;  // a file name in the same directory as the descriptor
  std::uint64_t blob_size = 0;
  std::string blob_sha256;  // hex
};

// The descriptor as written: pretty JSON with "descriptor_mac" over its canonical body.
std::string descriptor_json(const BackupDescriptor& d, const BackupKek& kek);

// A parsed descriptor: every field checked for form and for agreement with the others (the SPKI
// against its hash, type, size and curve). The MAC is not checked here: that needs the KEK.
struct ParsedDescriptor {
  BackupDescriptor descriptor;
  ossl::EvpPkeyPtr public_key;  // from key.spki_der_base64
  std::string canonical_body;   // what descriptor_mac covers
  std::string mac;              // hex, as found
};

// Errors name the file and the field: "<file>: key.spki_sha256: does not match ...".
ParsedDescriptor parse_descriptor(std::string_view text, const std::filesystem::path& file);

}  // namespace kr::backup
