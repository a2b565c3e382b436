// A custodian's signed approval of exactly one ceremony step, kept in the event log so an auditor
// can prove offline that m distinct custodians approved each key operation.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "quorum/unlock.h"
#include "util/bytes.h"

namespace kr::quorum {

struct ApprovalRequest {
  std::string ceremony_id;
  std::string step_id;
  std::string step_sha256;  // hash of the step's parameters
  std::string log_root;     // Merkle root of the log so far
  std::uint64_t log_size = 0;
};

struct Approval {
  ApprovalRequest request;
  std::string custodian;
  int index = 0;
  std::string set_id;
  std::string time;  // RFC 3339 UTC
  Bytes signature;   // Ed25519 over approval_message()
};

// The exact bytes signed: "keyrite approval v1\n" then "field: value\n" lines in the order
// ceremony-id, step-id, step-sha256, log-root, log-size, set-id, custodian, index, time.
// Throws kr::Error for a value that is empty or holds a control character (the form would be
// ambiguous).
std::string approval_message(const Approval& approval);

Approval sign_approval(const UnlockedShare& share, const ApprovalRequest& request,
                       const std::string& time);
// True only for a well-formed approval whose signature verifies under the raw Ed25519 key.
bool verify_approval(const Approval& approval, const Bytes& custodian_public_key);

// Keys in the order of approval_message, then "signature" (base64).
nlohmann::ordered_json to_json(const Approval& approval);
// Strict: unknown, missing or mistyped keys throw kr::Error naming `what` and the key.
Approval approval_from_json(const nlohmann::json& j, const std::string& what);

}  // namespace kr::quorum
