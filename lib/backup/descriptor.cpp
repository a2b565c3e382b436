// Writing the backup descriptor and parsing it strictly, naming the field of every problem.
#include "backup/descriptor.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>
#include <set>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "util/base64.h"
#include "util/error.h"
#include "util/time.h"

namespace kr::backup {
namespace {

using nlohmann::json;

json body_of(const BackupDescriptor& d) {
  json key = {{"label", d.label},
              {"id", to_hex(d.id)},
              {"type", d.key_type},
              {"bits", d.bits},
              {"spki_sha256", d.spki_sha256},
              {"spki_der_base64", base64_encode(d.spki_der)}};
  if (!d.curve.empty()) key["curve"] = d.curve;
  return {{"format", kDescriptorFormat},
          {"version", kDescriptorVersion},
          {"created", d.created},
          {"key", key},
          {"wrap",
           {{"algorithm", kWrapAlgorithm},
            {"payload", kWrapPayload},
            {"source_mechanism", d.source_mechanism},
            {"kek_check_method", kKekCheckMethod},
            {"kek_check_value", d.kek_check_value},
            {"kek_trusted", d.kek_trusted}}},
          {"blob", {{"file", d.blob_file}, {"size", d.blob_size}, {"sha256", d.blob_sha256}}}};
}

// Field access that names the file and the JSON path in every error.
class Reader {
 public:
  explicit Reader(const std::filesystem::path& file) : file_(file.string()) {}

  [[noreturn]] void fail(const std::string& path, const std::string& problem) const {
    throw Error(file_ + ": " + path + ": " + problem,
                "the descriptor is not one keyrite wrote, or it has been altered; use the copy "
                "from the backup media");
  }
  const json& object(const json& parent, const std::string& key, const std::string& path) const {
    const json& v = member(parent, key, path);
    if (!v.is_object()) fail(path, "must be an object");
    return v;
  }
  std::string string(const json& parent, const std::string& key, const std::string& path) const {
    const json& v = member(parent, key, path);
    if (!v.is_string()) fail(path, "must be a string");
    return v.get<std::string>();
  }
  std::uint64_t number(const json& parent, const std::string& key, const std::string& path) const {
    const json& v = member(parent, key, path);
    if (!v.is_number_unsigned()) fail(path, "must be a non-negative integer");
    return v.get<std::uint64_t>();
  }
  bool boolean(const json& parent, const std::string& key, const std::string& path) const {
    const json& v = member(parent, key, path);
    if (!v.is_boolean()) fail(path, "must be true or false");
    return v.get<bool>();
  }
  std::string sha256_hex(const json& parent, const std::string& key,
                         const std::string& path) const {
    std::string s = string(parent, key, path);
    auto bytes = from_hex(s);
    if (!bytes || bytes->size() != 32 || to_hex(*bytes) != s)
      fail(path, "must be 64 lower-case hex digits");
    return s;
  }
  // Unknown keys are errors: a field keyrite does not know may be one it should have checked.
  void only(const json& obj, std::set<std::string> allowed, const std::string& prefix) const {
    for (const auto& [key, value] : obj.items())
      if (!allowed.count(key)) fail(prefix + key, "unknown field");
  }

 private:
  const json& member(const json& parent, const std::string& key, const std::string& path) const {
    auto it = parent.find(key);
    if (it == parent.end()) fail(path, "missing");
    return *it;
  }
  std::string file_;
};

void check_key(const Reader& r, BackupDescriptor& d, ossl::EvpPkeyPtr& public_key) {
  if (d.label.empty()) r.fail("key.label", "must not be empty");
  if (d.key_type != "RSA" && d.key_type != "EC") r.fail("key.type", "must be \"RSA\" or \"EC\"");
  auto actual = to_hex(ossl::sha256(d.spki_der));
  if (actual != d.spki_sha256)
    r.fail("key.spki_sha256",
           "does not match key.spki_der_base64 (whose SHA-256 is " + actual + ")");
  try {
    public_key = ossl::read_public_key(d.spki_der, "key.spki_der_base64");
  } catch (const Error&) {
    r.fail("key.spki_der_base64", "is not a public key");
  }
  const bool rsa = EVP_PKEY_is_a(public_key.get(), "RSA");
  if (rsa != (d.key_type == "RSA") || (!rsa && !EVP_PKEY_is_a(public_key.get(), "EC")))
    r.fail("key.type", "says " + d.key_type + " but key.spki_der_base64 holds another kind of key");
  if (EVP_PKEY_get_bits(public_key.get()) != d.bits)
    r.fail("key.bits", "says " + std::to_string(d.bits) + " but the public key has " +
                           std::to_string(EVP_PKEY_get_bits(public_key.get())));
  if (rsa && !d.curve.empty()) r.fail("key.curve", "an RSA key has no curve");
  if (!rsa && d.curve != "P-" + std::to_string(d.bits))
    r.fail("key.curve", "says \"" + d.curve + "\" but the public key is a " +
                            std::to_string(d.bits) + "-bit curve");
}

}  // namespace

std::string descriptor_json(const BackupDescriptor& d, const BackupKek& kek) {
  json body = body_of(d);
  // nlohmann::json keeps keys sorted, so dump() is a canonical form that parsing reproduces.
  std::string canonical = body.dump();
  body["descriptor_mac"] = kek.mac_hex(canonical);
  return body.dump(2) + "\n";
}

ParsedDescriptor parse_descriptor(std::string_view text, const std::filesystem::path& file) {
  Reader r(file);
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(file.string() + ": not JSON: " + e.what(),
                "the descriptor is truncated or not a keyrite backup descriptor");
  }
  if (!doc.is_object()) r.fail("(top level)", "must be an object");
  r.only(doc, {"format", "version", "created", "key", "wrap", "blob", "descriptor_mac"}, "");
  if (r.string(doc, "format", "format") != kDescriptorFormat)
    r.fail("format", std::string("must be \"") + kDescriptorFormat + "\"");
  if (r.number(doc, "version", "version") != static_cast<std::uint64_t>(kDescriptorVersion))
    r.fail("version", "this keyrite reads version " + std::to_string(kDescriptorVersion));

  ParsedDescriptor out;
  BackupDescriptor& d = out.descriptor;
  d.created = r.string(doc, "created", "created");
  if (!parse_utc(d.created)) r.fail("created", "must be a UTC time like 2015-05-26T00:00:00Z");

  const json& key = r.object(doc, "key", "key");
  r.only(key, {"label", "id", "type", "bits", "curve", "spki_sha256", "spki_der_base64"}, "key.");
  d.label = r.string(key, "label", "key.label");
  auto id = from_hex(r.string(key, "id", "key.id"));
  if (!id || id->empty()) r.fail("key.id", "must be the CKA_ID in hex");
  d.id = *id;
  d.key_type = r.string(key, "type", "key.type");
  auto bits = r.number(key, "bits", "key.bits");
  if (bits == 0 || bits > 16384) r.fail("key.bits", "is not a key size");
  d.bits = static_cast<int>(bits);
  if (key.contains("curve")) d.curve = r.string(key, "curve", "key.curve");
  d.spki_sha256 = r.sha256_hex(key, "spki_sha256", "key.spki_sha256");
  auto spki = base64_decode(r.string(key, "spki_der_base64", "key.spki_der_base64"));
  if (!spki) r.fail("key.spki_der_base64", "is not base64");
  d.spki_der = *spki;
  check_key(r, d, out.public_key);

  const json& wrap = r.object(doc, "wrap", "wrap");
  r.only(wrap,
         {"algorithm", "payload", "source_mechanism", "kek_check_method", "kek_check_value",
          "kek_trusted"},
         "wrap.");
  if (r.string(wrap, "algorithm", "wrap.algorithm") != kWrapAlgorithm)
    r.fail("wrap.algorithm", std::string("must be \"") + kWrapAlgorithm + "\"");
  if (r.string(wrap, "payload", "wrap.payload") != kWrapPayload)
    r.fail("wrap.payload", std::string("must be \"") + kWrapPayload + "\"");
  if (r.string(wrap, "kek_check_method", "wrap.kek_check_method") != kKekCheckMethod)
    r.fail("wrap.kek_check_method", "is not the method this keyrite uses");
  d.source_mechanism = r.string(wrap, "source_mechanism", "wrap.source_mechanism");
  d.kek_check_value = r.sha256_hex(wrap, "kek_check_value", "wrap.kek_check_value");
  d.kek_trusted = r.boolean(wrap, "kek_trusted", "wrap.kek_trusted");

  const json& blob = r.object(doc, "blob", "blob");
  r.only(blob, {"file", "size", "sha256"}, "blob.");
  d.blob_file = r.string(blob, "file", "blob.file");
  if (d.blob_file.empty() || d.blob_file.find('/') != std::string::npos || d.blob_file[0] == '.')
    r.fail("blob.file", "must be a plain file name beside the descriptor");
  d.blob_size = r.number(blob, "size", "blob.size");
  // RFC 5649 output is a whole number of 8-byte blocks, at least two.
  if (d.blob_size < 16 || d.blob_size % 8 != 0)
    r.fail("blob.size", "is not the size of an RFC 5649 wrapped key");
  d.blob_sha256 = r.sha256_hex(blob, "sha256", "blob.sha256");

  out.mac = r.sha256_hex(doc, "descriptor_mac", "descriptor_mac");
  json body = doc;
  body.erase("descriptor_mac");
  out.canonical_body = body.dump();
  return out;
}

}  // namespace kr::backup
