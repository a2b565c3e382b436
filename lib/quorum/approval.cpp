// Canonical approval messages, Ed25519 signatures over them, and their JSON form.
#include "quorum/approval.h"

#include <set>

#include "util/base64.h"
#include "util/error.h"

namespace kr::quorum {
namespace {

void add(std::string& out, const char* key, const std::string& value) {
  if (value.empty()) throw Error(std::string("approval: ") + key + " is empty");
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f)
      throw Error(std::string("approval: ") + key + " contains a control character");
  out += key;
  out += ": ";
  out += value;
  out += '\n';
}

}  // namespace

std::string approval_message(const Approval& a) {
  std::string out = "keyrite approval v1\n";
  add(out, "ceremony-id", a.request.ceremony_id);
  add(out, "step-id", a.request.step_id);
  add(out, "step-sha256", a.request.step_sha256);
  add(out, "log-root", a.request.log_root);
  add(out, "log-size", std::to_string(a.request.log_size));
  add(out, "set-id", a.set_id);
  add(out, "custodian", a.custodian);
  add(out, "index", std::to_string(a.index));
  add(out, "time", a.time);
  return out;
}

Approval sign_approval(const UnlockedShare& share, const ApprovalRequest& request,
                       const std::string& time) {
  Approval a;
  a.request = request;
  a.custodian = share.header.custodian;
  a.index = share.header.index;
  a.set_id = share.header.set_id;
  a.time = time;
  a.signature = share.key.sign(as_bytes(approval_message(a)));
  return a;
}

bool verify_approval(const Approval& approval, const Bytes& custodian_public_key) {
  std::string message;
  try {
    message = approval_message(approval);
  } catch (const Error&) {
    return false;
  }
  return verify_signature(custodian_public_key, as_bytes(message), approval.signature);
}

nlohmann::ordered_json to_json(const Approval& a) {
  nlohmann::ordered_json j;
  j["ceremony-id"] = a.request.ceremony_id;
  j["step-id"] = a.request.step_id;
  j["step-sha256"] = a.request.step_sha256;
  j["log-root"] = a.request.log_root;
  j["log-size"] = a.request.log_size;
  j["set-id"] = a.set_id;
  j["custodian"] = a.custodian;
  j["index"] = a.index;
  j["time"] = a.time;
  j["signature"] = base64_encode(a.signature);
  return j;
}

Approval approval_from_json(const nlohmann::json& j, const std::string& what) {
  const std::set<std::string> keys = {"ceremony-id", "step-id",  "step-sha256", "log-root",
                                      "log-size",    "set-id",   "custodian",   "index",
                                      "time",        "signature"};
  auto fail = [&](const std::string& key, const std::string& problem) {
    throw Error(what + ": " + key + ": " + problem);
  };
  if (!j.is_object()) fail("approval", "expected an object");
  for (auto& [k, v] : j.items())
    if (!keys.count(k)) fail(k, "unknown key");
  for (const auto& k : keys)
    if (!j.contains(k)) fail(k, "missing");
  auto text = [&](const char* key) {
    if (!j.at(key).is_string()) fail(key, "expected a string");
    return j.at(key).get<std::string>();
  };
  Approval a;
  a.request.ceremony_id = text("ceremony-id");
  a.request.step_id = text("step-id");
  a.request.step_sha256 = text("step-sha256");
  a.request.log_root = text("log-root");
  if (!j.at("log-size").is_number_unsigned()) fail("log-size", "expected a non-negative integer");
  a.request.log_size = j.at("log-size").get<std::uint64_t>();
  a.set_id = text("set-id");
  a.custodian = text("custodian");
  if (!j.at("index").is_number_integer()) fail("index", "expected an integer");
  auto index = j.at("index").get<long long>();
  if (index < 1 || index > 255) fail("index", std::to_string(index) + " is outside 1..255");
  a.index = static_cast<int>(index);
  a.time = text("time");
  auto sig = base64_decode(text("signature"));
  if (!sig || sig->size() != kEd25519SignatureSize)
    fail("signature", "expected the base64 of a 64-byte Ed25519 signature");
  a.signature = *sig;
  return a;
}

}  // namespace kr::quorum
