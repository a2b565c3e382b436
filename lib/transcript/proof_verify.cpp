// Checking proof files: keyrite's signed proofs (accepted only in the exact form kr-transcript
// prove writes) and bare RFC 6962 proofs (hashes and sizes from other logs' tooling).
#include <nlohmann/json.hpp>
#include <optional>

#include "transcript/proof.h"
#include "transcript/proof_fields.h"
#include "transcript/trust.h"
#include "util/error.h"

namespace kr::transcript {
namespace {

using namespace proof_fields;

constexpr const char* kKeyriteKind = "keyrite-proof";
constexpr const char* kBareKind = "rfc6962-proof";

std::string first_member(std::string_view proof_json) {
  try {
    auto members = scan(proof_json);
    return members.empty() ? std::string() : members.front().name;
  } catch (const Error&) {
    return {};
  }
}

ProofVerdict verify_keyrite(std::string_view proof_json, const std::vector<JsonField>& members,
                            const nlohmann::json& j, TrustedKeys& keys) {
  ProofVerdict v;
  v.kind = read_string(j, kKeyriteKind);
  if (v.kind == "inclusion")
    expect_members(members,
                   {kKeyriteKind, "line-0", "line-0-hashes", "index", "line", "tree-size", "hashes",
                    "checkpoint"},
                   true);
  else if (v.kind == "consistency")
    expect_members(members,
                   {kKeyriteKind, "line-0", "line-0-hashes", "first-size", "second-size", "hashes",
                    "first-checkpoint", "second-checkpoint"},
                   true);
  else
    throw Error("\"keyrite-proof\" is neither \"inclusion\" nor \"consistency\"");
  JsonLimits limits;
  auto line0 = read_string(j, "line-0");
  auto anchor = read_anchor(line0, limits);
  if (anchor.roster) keys.add_roster(*anchor.roster);
  std::string cp_field = v.kind == "inclusion" ? "checkpoint" : "second-checkpoint";
  auto body =
      check_checkpoint_note(read_string(j, cp_field.c_str()), anchor.origin, keys, cp_field);
  auto line0_hashes = read_hashes(j, "line-0-hashes");
  if (!verify_inclusion(leaf_hash(line0), 0, body.tree_size, line0_hashes, body.root))
    throw Error("line 0 is not in the tree of the checkpoint");
  auto hashes = read_hashes(j, "hashes");
  std::string signers;
  for (const auto& s : body.signers) signers += (signers.empty() ? "" : ", ") + s;
  std::string canonical;
  if (v.kind == "inclusion") {
    InclusionProof p{line0,
                     line0_hashes,
                     read_uint(j, "index"),
                     read_string(j, "line"),
                     read_uint(j, "tree-size"),
                     hashes,
                     read_string(j, "checkpoint")};
    if (p.tree_size != body.tree_size)
      throw Error("\"tree-size\" is not the checkpoint's tree size");
    if (p.index >= p.tree_size) throw Error("\"index\" is not below the checkpoint's tree size");
    std::vector<JsonField> lf;
    try {
      scan_json_object(p.line, limits, lf);
    } catch (const JsonError& e) {
      throw Error("\"line\": invalid JSON at byte " + std::to_string(e.offset()) + ": " + e.what());
    }
    if (lf.empty() || lf[0].name != "seq" || json_to_uint64(lf[0].value) != p.index)
      throw Error("\"line\" does not carry \"seq\":" + std::to_string(p.index));
    if (!verify_inclusion(leaf_hash(p.line), p.index, body.tree_size, hashes, body.root))
      throw Error("the inclusion proof of line " + std::to_string(p.index) +
                  " does not lead to the checkpoint's root");
    canonical = to_json(p);
    v.summary = "line " + std::to_string(p.index) + " is in ceremony " + anchor.ceremony_id +
                "'s transcript under the checkpoint of its first " +
                std::to_string(body.tree_size) + " lines (root " + to_hex(body.root) +
                "), signed by " + signers;
  } else {
    ConsistencyProof p{line0,
                       line0_hashes,
                       read_uint(j, "first-size"),
                       read_uint(j, "second-size"),
                       hashes,
                       read_string(j, "first-checkpoint"),
                       read_string(j, "second-checkpoint")};
    auto first = check_checkpoint_note(p.first_checkpoint, anchor.origin, keys, "first-checkpoint");
    if (p.first_size != first.tree_size || p.second_size != body.tree_size)
      throw Error("\"first-size\" and \"second-size\" are not the checkpoints' tree sizes");
    if (p.first_size >= p.second_size)
      throw Error(
          "\"first-size\" is not below \"second-size\": a keyrite consistency proof joins two "
          "different checkpoints");
    if (!verify_consistency(first.tree_size, body.tree_size, first.root, body.root, hashes))
      throw Error("the consistency proof does not join the two checkpoints");
    canonical = to_json(p);
    v.summary = "the checkpoint of the first " + std::to_string(body.tree_size) +
                " lines of ceremony " + anchor.ceremony_id +
                "'s transcript extends the checkpoint of its first " +
                std::to_string(first.tree_size) + " lines without changing them (roots " +
                to_hex(first.root) + " -> " + to_hex(body.root) + ")";
  }
  // Everything above holds; now the bytes. A proof has one form, so that two copies of the same
  // proof are the same file (and hash alike) and nothing unsigned can ride along in whitespace.
  if (canonical != proof_json)
    throw Error(
        "the proof is not in canonical form: kr-transcript prove writes 2-space indented JSON "
        "with these members in this order, non-ASCII as UTF-8, and one final newline");
  v.ok = true;
  return v;
}

ProofVerdict verify_bare(const std::vector<JsonField>& members, const nlohmann::json& j) {
  ProofVerdict v;
  auto kind = read_string(j, kBareKind);
  if (kind == "inclusion") {
    v.kind = "rfc6962-inclusion";
    expect_members(members, {kBareKind, "leaf-hash", "index", "tree-size", "root", "hashes"},
                   false);
    BareInclusionProof p{read_hash(j, "leaf-hash"), read_uint(j, "index"),
                         read_uint(j, "tree-size"), read_hash(j, "root"), read_hashes(j, "hashes")};
    if (p.index >= p.tree_size) throw Error("\"index\" is not below \"tree-size\"");
    if (!verify_inclusion(p.leaf_hash, p.index, p.tree_size, p.hashes, p.root))
      throw Error("the audit path does not lead from leaf " + std::to_string(p.index) +
                  " to the root");
    v.summary = "leaf " + std::to_string(p.index) + " (hash " + to_hex(p.leaf_hash) +
                ") is in the tree of " + std::to_string(p.tree_size) + " leaves with root " +
                to_hex(p.root) + " (RFC 6962; no signature: the root is as given)";
  } else if (kind == "consistency") {
    v.kind = "rfc6962-consistency";
    expect_members(members,
                   {kBareKind, "first-size", "second-size", "first-root", "second-root", "hashes"},
                   false);
    BareConsistencyProof p{read_uint(j, "first-size"), read_uint(j, "second-size"),
                           read_hash(j, "first-root"), read_hash(j, "second-root"),
                           read_hashes(j, "hashes")};
    if (p.first_size == 0 || p.first_size > p.second_size)
      throw Error("\"first-size\" must be at least 1 and at most \"second-size\"");
    if (!verify_consistency(p.first_size, p.second_size, p.first_root, p.second_root, p.hashes))
      throw Error("the consistency proof does not join the two roots");
    v.summary = "the tree of " + std::to_string(p.second_size) + " leaves (root " +
                to_hex(p.second_root) + ") extends the tree of " + std::to_string(p.first_size) +
                " leaves (root " + to_hex(p.first_root) +
                ") (RFC 6962; no signature: the roots are as given)";
  } else {
    throw Error("\"rfc6962-proof\" is neither \"inclusion\" nor \"consistency\"");
  }
  v.ok = true;
  return v;
}

nlohmann::ordered_json hex_array(const std::vector<Hash>& hashes) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& h : hashes) out.push_back(to_hex(h));
  return out;
}

}  // namespace

std::string to_json(const BareInclusionProof& p) {
  nlohmann::ordered_json j;
  j[kBareKind] = "inclusion";
  j["leaf-hash"] = to_hex(p.leaf_hash);
  j["index"] = p.index;
  j["tree-size"] = p.tree_size;
  j["root"] = to_hex(p.root);
  j["hashes"] = hex_array(p.hashes);
  return j.dump(2) + "\n";
}

std::string to_json(const BareConsistencyProof& p) {
  nlohmann::ordered_json j;
  j[kBareKind] = "consistency";
  j["first-size"] = p.first_size;
  j["second-size"] = p.second_size;
  j["first-root"] = to_hex(p.first_root);
  j["second-root"] = to_hex(p.second_root);
  j["hashes"] = hex_array(p.hashes);
  return j.dump(2) + "\n";
}

bool is_keyrite_proof(std::string_view proof_json) {
  return first_member(proof_json) == kKeyriteKind;
}

ProofVerdict verify_proof(std::string_view proof_json, const EVP_PKEY* audit_key) {
  // An unusable or missing key is an input error, not a verdict on the proof.
  std::optional<TrustedKeys> keys;
  if (audit_key)
    keys.emplace(audit_key);
  else if (is_keyrite_proof(proof_json))
    throw Error("a keyrite proof is checked under the ceremony's audit key", "give --audit-key");
  ProofVerdict v;
  try {
    auto members = scan(proof_json);
    auto j = nlohmann::json::parse(proof_json);
    if (!members.empty() && members.front().name == kKeyriteKind)
      return verify_keyrite(proof_json, members, j, *keys);
    if (!members.empty() && members.front().name == kBareKind) return verify_bare(members, j);
    throw Error("the first member is neither \"keyrite-proof\" nor \"rfc6962-proof\"");
  } catch (const nlohmann::json::exception& e) {
    v.summary = std::string("the proof is not valid JSON: ") + e.what();
  } catch (const Error& e) {
    v.summary = e.what();
  }
  return v;
}

}  // namespace kr::transcript
