// RFC 6962 (RFC 9162 section 2.1) Merkle tree hashing over transcript lines: the leaf hash, the
// node hash, a streaming tree head in O(log n) memory, and inclusion and consistency proofs.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "util/bytes.h"

namespace kr::transcript {

using Hash = std::array<std::uint8_t, 32>;

// SHA-256(0x00 || data): the hash of one transcript line (without its newline).
Hash leaf_hash(std::string_view data);
// SHA-256(0x01 || left || right).
Hash node_hash(const Hash& left, const Hash& right);
// SHA-256 of the empty string: the root of a tree with no leaves.
Hash empty_root();

// The tree head of a growing list of leaves, kept as the roots of its perfect subtrees ("compact
// range"): at most 64 hashes whatever the number of leaves.
class MerkleStream {
 public:
  void append(const Hash& leaf);
  std::uint64_t size() const { return size_; }
  Hash root() const;

 private:
  std::vector<Hash>
      peaks_;  // left to right; peak i covers 2^(bit) leaves for each set bit of size_
  std::uint64_t size_ = 0;
};

// The root of leaves[0, size) when all leaf hashes are at hand.
Hash merkle_root(const std::vector<Hash>& leaves);

// RFC 9162 2.1.3.1: the audit path of leaf `index` in the tree of leaves[0, size).
std::vector<Hash> inclusion_proof(const std::vector<Hash>& leaves, std::uint64_t index,
                                  std::uint64_t size);
// RFC 9162 2.1.4.1: the consistency proof between the trees of sizes first <= second.
std::vector<Hash> consistency_proof(const std::vector<Hash>& leaves, std::uint64_t first,
                                    std::uint64_t second);

// RFC 9162 2.1.3.2 and 2.1.4.2. They return false rather than throw: a proof is untrusted input.
bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& proof, const Hash& root);
bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                        const Hash& second_root, const std::vector<Hash>& proof);

}  // namespace kr::transcript
