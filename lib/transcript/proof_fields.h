// Reading a proof file's members strictly: the exact member list, lower-case 64-hex hashes, plain
// non-negative integers. Shared by keyrite proofs and bare RFC 6962 proofs.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "transcript/json_scan.h"
#include "transcript/merkle.h"

namespace kr::transcript::proof_fields {

constexpr std::size_t kMaxHashes = 128;  // a path in a tree of 2^64 leaves has at most 64, twice

// Scans the whole proof file as one JSON object within the transcript's limits (newlines are
// whitespace here) and returns its top-level members in order. Throws kr::Error.
std::vector<JsonField> scan(std::string_view proof_json);

// Throws kr::Error unless the members are exactly `names`, in that order when `ordered`.
void expect_members(const std::vector<JsonField>& members, std::initializer_list<const char*> names,
                    bool ordered);

Hash read_hash(const nlohmann::json& j, const char* field);
std::vector<Hash> read_hashes(const nlohmann::json& j, const char* field);
std::uint64_t read_uint(const nlohmann::json& j, const char* field);
std::string read_string(const nlohmann::json& j, const char* field);

}  // namespace kr::transcript::proof_fields
