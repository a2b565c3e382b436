// Descriptor JSON: writing in a fixed key order, strict reading.
#include "quorum/descriptor.h"

#include <set>

#include "ossl/digest.h"
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/error.h"
#include "util/regular_file.h"
#include "util/time.h"

namespace kr::quorum {
namespace {

constexpr const char* kFormat = "keyrite-share-set 1";

class Fields {
 public:
  Fields(const nlohmann::json& j, std::string what, std::string path, std::set<std::string> keys)
      : j_(j), what_(std::move(what)), path_(std::move(path)) {
    if (!j.is_object()) fail("", "expected an object");
    for (auto& [k, v] : j.items())
      if (!keys.count(k)) fail(k, "unknown key");
    for (const auto& k : keys)
      if (!j.contains(k)) fail(k, "missing");
  }
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    std::string where = path_.empty() ? key : key.empty() ? path_ : path_ + "." + key;
    throw Error(what_ + ": " + (where.empty() ? "" : where + ": ") + problem,
                "a share-set descriptor is written by keyrite and must not be edited");
  }
  std::string text(const std::string& key) const {
    if (!j_.at(key).is_string()) fail(key, "expected a string");
    auto s = j_.at(key).get<std::string>();
    if (s.empty()) fail(key, "empty");
    return s;
  }
  int integer(const std::string& key, int min, int max) const {
    const auto& v = j_.at(key);
    if (!v.is_number_integer()) fail(key, "expected an integer");
    auto n = v.get<long long>();
    if (n < min || n > max)
      fail(key,
           std::to_string(n) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return static_cast<int>(n);
  }
  std::string hex(const std::string& key, std::size_t bytes) const {
    auto s = text(key);
    auto b = from_hex(s);
    if (!b || b->size() != bytes || to_hex(*b) != s)
      fail(key, "expected " + std::to_string(2 * bytes) + " lower-case hex digits");
    return s;
  }
  const nlohmann::json& at(const std::string& key) const { return j_.at(key); }

 private:
  const nlohmann::json& j_;
  std::string what_;
  std::string path_;
};

DescriptorShare share_from_json(const nlohmann::json& j, const std::string& what,
                                const std::string& path) {
  Fields f(j, what, path,
           {"index", "custodian", "custodian-public-key", "file-sha256", "share-commitment"});
  DescriptorShare s;
  s.index = f.integer("index", 1, 255);
  s.custodian = f.text("custodian");
  if (auto problem = custodian_name_problem(s.custodian)) f.fail("custodian", *problem);
  auto key = base64_decode(f.text("custodian-public-key"));
  if (!key || key->size() != kEd25519KeySize)
    f.fail("custodian-public-key", "expected the base64 of a 32-byte Ed25519 public key");
  s.custodian_public_key = *key;
  s.file_sha256 = f.hex("file-sha256", 32);
  s.share_commitment = f.hex("share-commitment", 32);
  return s;
}

}  // namespace

const DescriptorShare* Descriptor::find_custodian(const std::string& name) const {
  for (const auto& c : custodians)
    if (c.custodian == name) return &c;
  return nullptr;
}

std::string share_commitment(const std::string& set_id, const Share& share) {
  auto id = from_hex(set_id);
  if (!id || id->size() != 16) throw Error("set id \"" + set_id + "\" is not 32 hex digits");
  std::string_view label = "keyrite share commitment";
  Secret input(label);
  for (auto b : *id) input.push_back(b);
  input.push_back(share.index);
  for (std::size_t i = 0; i < share.value.size(); ++i) input.push_back(share.value.data()[i]);
  return ossl::sha256_hex(ByteView(input.data(), input.size()));
}

nlohmann::ordered_json to_json(const Descriptor& d) {
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["set-id"] = d.set_id;
  j["purpose"] = to_string(d.purpose);
  j["token-label"] = d.token_label;
  j["token-serial"] = d.token_serial;
  j["threshold"] = d.threshold;
  j["shares"] = d.shares;
  j["created"] = d.created;
  j["secret-check"] = d.secret_check;
  j["custodians"] = nlohmann::ordered_json::array();
  for (const auto& c : d.custodians) {
    nlohmann::ordered_json e;
    e["index"] = c.index;
    e["custodian"] = c.custodian;
    e["custodian-public-key"] = base64_encode(c.custodian_public_key);
    e["file-sha256"] = c.file_sha256;
    e["share-commitment"] = c.share_commitment;
    j["custodians"].push_back(std::move(e));
  }
  return j;
}

Descriptor descriptor_from_json(const nlohmann::json& j, const std::string& what) {
  Fields f(j, what, "",
           {"format", "set-id", "purpose", "token-label", "token-serial", "threshold", "shares",
            "created", "secret-check", "custodians"});
  if (f.text("format") != kFormat)
    f.fail("format", "\"" + f.text("format") + "\" is not \"" + kFormat + "\"");
  Descriptor d;
  d.set_id = f.hex("set-id", 16);
  auto purpose = f.text("purpose");
  if (purpose == "activation")
    d.purpose = Purpose::activation;
  else if (purpose == "key-backup")
    d.purpose = Purpose::key_backup;
  else
    f.fail("purpose", "\"" + purpose + "\" is not activation or key-backup");
  d.token_label = f.text("token-label");
  d.token_serial = f.text("token-serial");
  d.threshold = f.integer("threshold", 2, 255);
  d.shares = f.integer("shares", d.threshold, 255);
  d.created = f.text("created");
  if (!parse_utc(d.created)) f.fail("created", "\"" + d.created + "\" is not YYYY-MM-DDTHH:MM:SSZ");
  d.secret_check = f.hex("secret-check", 32);
  const auto& list = f.at("custodians");
  if (!list.is_array()) f.fail("custodians", "expected an array");
  if (list.size() != static_cast<std::size_t>(d.shares))
    f.fail("custodians", "lists " + std::to_string(list.size()) + " custodians but shares is " +
                             std::to_string(d.shares));
  std::set<int> indices;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = "custodians[" + std::to_string(i) + "]";
    auto s = share_from_json(list[i], what, path);
    if (!indices.insert(s.index).second)
      f.fail(path + ".index", "index " + std::to_string(s.index) + " appears twice");
    if (!names.insert(s.custodian).second)
      f.fail(path + ".custodian", "custodian " + s.custodian + " appears twice");
    d.custodians.push_back(std::move(s));
  }
  return d;
}

std::string descriptor_text(const Descriptor& d) {
  return to_json(d).dump(2) + "\n";
}

Descriptor read_descriptor(const std::filesystem::path& path) {
  auto bytes = read_regular_file(path, kMaxDescriptorBytes, "the share-set descriptor");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(path.string() + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
  }
  return descriptor_from_json(j, path.string());
}

void write_descriptor(const std::filesystem::path& path, const Descriptor& d) {
  write_new_file(path, as_bytes(descriptor_text(d)), 0644);
}

}  // namespace kr::quorum
