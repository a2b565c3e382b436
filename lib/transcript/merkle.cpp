// Merkle tree hashing. Hashing is the verifier's hot loop, so one digest context per thread is
// reused instead of a fresh one per call.
#include "transcript/merkle.h"

#include <openssl/evp.h>

#include <stdexcept>

#include "ossl/error.h"
#include "ossl/types.h"

namespace kr::transcript {
namespace {

class Sha256 {
 public:
  Sha256() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {
    if (!md_ || !ctx_) ossl::throw_error("SHA-256 is not available");
  }
  void begin(std::uint8_t prefix) {
    ossl::check(EVP_DigestInit_ex2(ctx_.get(), md_.get(), nullptr), "EVP_DigestInit_ex2");
    update(&prefix, 1);
  }
  void update(const void* data, std::size_t n) {
    ossl::check(EVP_DigestUpdate(ctx_.get(), data, n), "EVP_DigestUpdate");
  }
  Hash finish() {
    Hash out;
    ossl::check(EVP_DigestFinal_ex(ctx_.get(), out.data(), nullptr), "EVP_DigestFinal_ex");
    return out;
  }

 private:
  ossl::EvpMdPtr md_;
  ossl::EvpMdCtxPtr ctx_;
};

Sha256& hasher() {
  thread_local Sha256 h;
  return h;
}

// The largest power of two strictly smaller than n (n >= 2).
std::uint64_t split_point(std::uint64_t n) {
  std::uint64_t k = 1;
  while (k << 1 < n) k <<= 1;
  return k;
}

Hash subtree_root(const std::vector<Hash>& leaves, std::uint64_t lo, std::uint64_t hi) {
  if (hi - lo == 1) return leaves[lo];
  std::uint64_t k = split_point(hi - lo);
  return node_hash(subtree_root(leaves, lo, lo + k), subtree_root(leaves, lo + k, hi));
}

void path(const std::vector<Hash>& leaves, std::uint64_t m, std::uint64_t lo, std::uint64_t hi,
          std::vector<Hash>& out) {
  if (hi - lo <= 1) return;
  std::uint64_t k = split_point(hi - lo);
  if (m < k) {
    path(leaves, m, lo, lo + k, out);
    out.push_back(subtree_root(leaves, lo + k, hi));
  } else {
    path(leaves, m - k, lo + k, hi, out);
    out.push_back(subtree_root(leaves, lo, lo + k));
  }
}

// RFC 9162 SUBPROOF(m, D[lo:hi], b).
void subproof(const std::vector<Hash>& leaves, std::uint64_t m, std::uint64_t lo, std::uint64_t hi,
              bool whole, std::vector<Hash>& out) {
  std::uint64_t n = hi - lo;
  if (m == n) {
    if (!whole) out.push_back(subtree_root(leaves, lo, hi));
    return;
  }
  std::uint64_t k = split_point(n);
  if (m <= k) {
    subproof(leaves, m, lo, lo + k, whole, out);
    out.push_back(subtree_root(leaves, lo + k, hi));
  } else {
    subproof(leaves, m - k, lo + k, hi, false, out);
    out.push_back(subtree_root(leaves, lo, lo + k));
  }
}

}  // namespace

Hash leaf_hash(std::string_view data) {
  auto& h = hasher();
  h.begin(0x00);
  h.update(data.data(), data.size());
  return h.finish();
}

Hash node_hash(const Hash& left, const Hash& right) {
  auto& h = hasher();
  h.begin(0x01);
  h.update(left.data(), left.size());
  h.update(right.data(), right.size());
  return h.finish();
}

Hash empty_root() {
  Hash out;
  unsigned int len = 0;
  ossl::check(EVP_Digest("", 0, out.data(), &len, EVP_sha256(), nullptr), "EVP_Digest");
  return out;
}

void MerkleStream::append(const Hash& leaf) {
  // Each trailing one bit of the old size is a perfect subtree the new leaf completes.
  Hash carry = leaf;
  for (std::uint64_t s = size_; s & 1; s >>= 1) {
    carry = node_hash(peaks_.back(), carry);
    peaks_.pop_back();
  }
  peaks_.push_back(carry);
  ++size_;
}

Hash MerkleStream::root() const {
  if (peaks_.empty()) return empty_root();
  Hash r = peaks_.back();
  for (auto it = peaks_.rbegin() + 1; it != peaks_.rend(); ++it) r = node_hash(*it, r);
  return r;
}

Hash merkle_root(const std::vector<Hash>& leaves) {
  if (leaves.empty()) return empty_root();
  return subtree_root(leaves, 0, leaves.size());
}

std::vector<Hash> inclusion_proof(const std::vector<Hash>& leaves, std::uint64_t index,
                                  std::uint64_t size) {
  if (size > leaves.size() || index >= size)
    throw std::invalid_argument("inclusion_proof: index or size out of range");
  std::vector<Hash> out;
  path(leaves, index, 0, size, out);
  return out;
}

std::vector<Hash> consistency_proof(const std::vector<Hash>& leaves, std::uint64_t first,
                                    std::uint64_t second) {
  if (second > leaves.size() || first > second)
    throw std::invalid_argument("consistency_proof: sizes out of range");
  std::vector<Hash> out;
  if (first == 0 || first == second) return out;
  subproof(leaves, first, 0, second, true, out);
  return out;
}

bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = node_hash(p, r);
      if (!(fn & 1))
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                        const Hash& second_root, const std::vector<Hash>& proof) {
  if (first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (first == 0) return proof.empty();
  if (proof.empty()) return false;
  std::vector<Hash> path = proof;
  if ((first & (first - 1)) == 0) path.insert(path.begin(), first_root);
  std::uint64_t fn = first - 1, sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if (!(fn & 1))
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

}  // namespace kr::transcript
