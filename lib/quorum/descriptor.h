// The share-set descriptor: a public JSON file that commits to every share of a set, so one
// share can be checked alone and a tampered or wrong share is named before anything is combined.
// README.md in this folder documents the format.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "quorum/shamir.h"
#include "quorum/share_file.h"

namespace kr::quorum {

struct DescriptorShare {
  int index = 0;
  std::string custodian;
  Bytes custodian_public_key;    // raw Ed25519
  std::string file_sha256;       // hex SHA-256 of the whole share file
  std::string share_commitment;  // hex, see share_commitment()
};

struct Descriptor {
  std::string set_id;
  Purpose purpose = Purpose::activation;
  std::string token_label;
  std::string token_serial;
  int threshold = 0;
  int shares = 0;
  std::string created;                      // RFC 3339 UTC
  std::string secret_check;                 // quorum/derive.h
  std::vector<DescriptorShare> custodians;  // in index order

  // The entry for a custodian name; nullptr when the name is not on the roster.
  const DescriptorShare* find_custodian(const std::string& name) const;
};

// SHA-256("keyrite share commitment" || 16 raw bytes of the set id || index byte || value), hex.
std::string share_commitment(const std::string& set_id, const Share& share);

nlohmann::ordered_json to_json(const Descriptor& d);
// Strict: unknown or missing keys, wrong types and inconsistent values are errors naming
// `what` and the field ("custodians[2].file-sha256").
Descriptor descriptor_from_json(const nlohmann::json& j, const std::string& what);

// A descriptor is a few KiB (255 custodians at most); a larger file is not one and is not read.
constexpr std::size_t kMaxDescriptorBytes = 1024 * 1024;
Descriptor read_descriptor(const std::filesystem::path& path);
// Never overwrites; mode 0644 (the descriptor holds no secret).
void write_descriptor(const std::filesystem::path& path, const Descriptor& d);
// The exact bytes write_descriptor writes (for callers that commit several files together).
std::string descriptor_text(const Descriptor& d);

}  // namespace kr::quorum
