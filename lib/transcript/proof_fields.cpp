// Strict proof-file members.
#include "transcript/proof_fields.h"

#include <algorithm>

#include "transcript/value_formats.h"
#include "util/error.h"

namespace kr::transcript::proof_fields {

std::vector<JsonField> scan(std::string_view proof_json) {
  std::vector<JsonField> fields;
  std::string flat(proof_json);
  for (auto& ch : flat)
    if (ch == '\n') ch = ' ';
  try {
    scan_json_object(flat, JsonLimits{}, fields);
  } catch (const JsonError& e) {
    throw Error("invalid JSON at byte " + std::to_string(e.offset()) + ": " + e.what());
  }
  for (auto& f : fields) f.value = {};  // slices of `flat`, which is gone
  return fields;
}

void expect_members(const std::vector<JsonField>& members, std::initializer_list<const char*> names,
                    bool ordered) {
  std::string want;
  for (const char* n : names) want += std::string(want.empty() ? "" : ",") + n;
  bool same = members.size() == names.size();
  std::size_t i = 0;
  for (const char* n : names) {
    if (!same) break;
    same = ordered ? members[i].name == n
                   : std::any_of(members.begin(), members.end(),
                                 [&](const JsonField& f) { return f.name == n; });
    ++i;
  }
  if (!same)
    throw Error(std::string("a proof of this kind has exactly the members ") + want +
                (ordered ? " in that order" : "") + "; no others");
}

Hash read_hash(const nlohmann::json& j, const char* field) {
  auto text =
      j.contains(field) && j[field].is_string() ? j[field].get<std::string>() : std::string();
  auto bytes = valid_sha256_hex(text) ? from_hex(text) : std::nullopt;
  if (!bytes) throw Error(std::string("\"") + field + "\" is not 64 lower-case hex digits");
  Hash h;
  std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

std::vector<Hash> read_hashes(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_array() || j[field].size() > kMaxHashes)
    throw Error(std::string("\"") + field + "\" is not a list of at most " +
                std::to_string(kMaxHashes) + " hashes");
  std::vector<Hash> out;
  for (const auto& v : j[field]) {
    auto text = v.is_string() ? v.get<std::string>() : std::string();
    auto bytes = valid_sha256_hex(text) ? from_hex(text) : std::nullopt;
    if (!bytes)
      throw Error(std::string("\"") + field +
                  "\" holds a value that is not 64 lower-case hex digits");
    Hash h;
    std::copy(bytes->begin(), bytes->end(), h.begin());
    out.push_back(h);
  }
  return out;
}

std::uint64_t read_uint(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_number_unsigned())
    throw Error(std::string("\"") + field + "\" is not a non-negative integer");
  return j[field].get<std::uint64_t>();
}

std::string read_string(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_string())
    throw Error(std::string("\"") + field + "\" is not a string");
  return j[field].get<std::string>();
}

}  // namespace kr::transcript::proof_fields
