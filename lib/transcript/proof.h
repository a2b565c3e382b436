// Self-contained proofs that show part of a transcript to a third party without the transcript:
// an inclusion proof of one line against a signed checkpoint, and a consistency proof between two
// signed checkpoints. Each carries line 0 with its own inclusion proof (it fixes the origin and the
// custodian roster), so `verify-proof` needs only the audit public key.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "transcript/merkle.h"

namespace kr::transcript {

struct InclusionProof {
  std::string line0;               // line 0 of the transcript, without its newline
  std::vector<Hash> line0_hashes;  // inclusion proof of line 0 in the checkpoint's tree
  std::uint64_t index = 0;         // the proven line's seq
  std::string line;                // the proven line, without its newline
  std::uint64_t tree_size = 0;     // the checkpoint's tree size (= its seq)
  std::vector<Hash> hashes;        // inclusion proof of `line`
  std::string checkpoint;          // the signed checkpoint note
};

struct ConsistencyProof {
  std::string line0;
  std::vector<Hash> line0_hashes;  // inclusion proof of line 0 in the second tree
  std::uint64_t first_size = 0, second_size = 0;
  std::vector<Hash> hashes;
  std::string first_checkpoint, second_checkpoint;
};

// Build proofs from a transcript file. `checkpoint` is the seq of a checkpoint line (default: the
// last checkpoint in the file). Throws kr::Error naming what is missing or inconsistent. The file
// is read once; memory is 32 bytes per line up to the checkpoint.
InclusionProof prove_inclusion(const std::filesystem::path& transcript, std::uint64_t index,
                               std::optional<std::uint64_t> checkpoint);
ConsistencyProof prove_consistency(const std::filesystem::path& transcript, std::uint64_t first,
                                   std::uint64_t second);

std::string to_json(const InclusionProof& proof);
std::string to_json(const ConsistencyProof& proof);

// A bare RFC 6962 (RFC 9162 section 2.1.3 and 2.1.4) proof, the form other logs' tooling
// exchanges: hashes and sizes only, no signature and no transcript. docs/transcript-format.md
// section 7 defines its JSON form.
struct BareInclusionProof {
  Hash leaf_hash{};
  std::uint64_t index = 0, tree_size = 0;
  Hash root{};
  std::vector<Hash> hashes;
};
struct BareConsistencyProof {
  std::uint64_t first_size = 0, second_size = 0;
  Hash first_root{}, second_root{};
  std::vector<Hash> hashes;
};
std::string to_json(const BareInclusionProof& proof);
std::string to_json(const BareConsistencyProof& proof);

struct ProofVerdict {
  bool ok = false;
  std::string kind;     // "inclusion", "consistency", "rfc6962-inclusion", "rfc6962-consistency"
  std::string summary;  // what was shown, or why it does not hold
};

// True when the proof file is a keyrite proof (it needs the audit key); false for a bare RFC 6962
// proof or anything else.
bool is_keyrite_proof(std::string_view proof_json);

// Checks a proof file's content: a keyrite proof under `audit_key`, or a bare RFC 6962 proof (the
// key is not used and may be null). A keyrite proof is accepted only byte for byte as
// kr-transcript prove writes it. Throws kr::Error only when the audit key is unusable (or null for
// a keyrite proof); a malformed or false proof is a verdict.
ProofVerdict verify_proof(std::string_view proof_json, const EVP_PKEY* audit_key);

}  // namespace kr::transcript
