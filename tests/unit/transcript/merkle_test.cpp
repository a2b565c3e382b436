// RFC 6962 hashing against the published test vectors of certificate-transparency-go
// (merkle/log_verifier_test.go and merkle/merkle_tree_test.go), and proofs for every small tree.
#include "transcript/merkle.h"

#include <doctest/doctest.h>

using namespace kr;
using namespace kr::transcript;

namespace {

Hash h(const char* hex) {
  auto bytes = from_hex(hex);
  REQUIRE(bytes);
  REQUIRE(bytes->size() == 32);
  Hash out;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

std::string leaf_data(const char* hex) {
  auto bytes = from_hex(hex);
  return std::string(bytes->begin(), bytes->end());
}

// The eight leaves and the roots of their prefixes, as published.
const char* kLeaves[] = {"",
                         "00",
                         "10",
                         "2021",
                         "3031",
                         "40414243",
                         "5051525354555657",
                         "606162636465666768696a6b6c6d6e6f"};
const char* kRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

std::vector<Hash> reference_leaves() {
  std::vector<Hash> out;
  for (auto* l : kLeaves) out.push_back(leaf_hash(leaf_data(l)));
  return out;
}

std::vector<Hash> synthetic_leaves(int n) {
  std::vector<Hash> out;
  for (int i = 0; i < n; ++i) out.push_back(leaf_hash("line " + std::to_string(i)));
  return out;
}

}  // namespace

TEST_SUITE("transcript::merkle") {
  TEST_CASE("the empty tree is SHA-256 of nothing") {
    CHECK(to_hex(empty_root()) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(MerkleStream().root() == empty_root());
  }

  TEST_CASE("roots of the published 8-leaf tree, batch and streaming") {
    auto leaves = reference_leaves();
    MerkleStream stream;
    for (std::size_t n = 1; n <= leaves.size(); ++n) {
      stream.append(leaves[n - 1]);
      std::vector<Hash> prefix(leaves.begin(), leaves.begin() + n);
      CHECK(to_hex(merkle_root(prefix)) == kRoots[n - 1]);
      CHECK(to_hex(stream.root()) == kRoots[n - 1]);
    }
  }

  TEST_CASE("published inclusion proofs") {
    auto leaves = reference_leaves();
    struct Vector {
      std::uint64_t index, size;
      std::vector<Hash> proof;
    };
    std::vector<Vector> vectors = {
        {0,
         8,
         {h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
          h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
          h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}},
        {5,
         8,
         {h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
          h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
          h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}},
        {2, 3, {h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")}},
        {1,
         5,
         {h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
          h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
          h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}},
    };
    for (const auto& v : vectors) {
      CAPTURE(v.index);
      CAPTURE(v.size);
      CHECK(inclusion_proof(leaves, v.index, v.size) == v.proof);
      CHECK(verify_inclusion(leaves[v.index], v.index, v.size, v.proof, h(kRoots[v.size - 1])));
      CHECK_FALSE(
          verify_inclusion(leaves[v.index], v.index ^ 1, v.size, v.proof, h(kRoots[v.size - 1])));
    }
  }

  TEST_CASE("published consistency proofs") {
    auto leaves = reference_leaves();
    struct Vector {
      std::uint64_t first, second;
      std::vector<Hash> proof;
    };
    std::vector<Vector> vectors = {
        {1,
         8,
         {h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
          h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
          h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}},
        {6,
         8,
         {h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
          h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
          h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}},
        {2,
         5,
         {h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
          h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}},
    };
    for (const auto& v : vectors) {
      CAPTURE(v.first);
      CAPTURE(v.second);
      CHECK(consistency_proof(leaves, v.first, v.second) == v.proof);
      CHECK(verify_consistency(v.first, v.second, h(kRoots[v.first - 1]), h(kRoots[v.second - 1]),
                               v.proof));
      CHECK_FALSE(verify_consistency(v.first, v.second, h(kRoots[v.second - 1]),
                                     h(kRoots[v.first - 1]), v.proof));
    }
  }

  TEST_CASE(
      "inclusion proofs for every leaf of every tree of 1 to 64 leaves, and their corruptions") {
    auto leaves = synthetic_leaves(64);
    for (std::uint64_t n = 1; n <= 64; ++n) {
      std::vector<Hash> prefix(leaves.begin(), leaves.begin() + n);
      Hash root = merkle_root(prefix);
      MerkleStream s;
      for (auto& l : prefix) s.append(l);
      REQUIRE(s.root() == root);
      for (std::uint64_t i = 0; i < n; ++i) {
        CAPTURE(n);
        CAPTURE(i);
        auto proof = inclusion_proof(leaves, i, n);
        REQUIRE(verify_inclusion(leaves[i], i, n, proof, root));
        CHECK_FALSE(verify_inclusion(leaves[i], i + 1, n, proof, root));
        if (i > 0) CHECK_FALSE(verify_inclusion(leaves[i], i - 1, n, proof, root));
        CHECK_FALSE(verify_inclusion(leaves[i], i, n * 2, proof, root));
        CHECK_FALSE(verify_inclusion(leaves[i], i, n / 2, proof, root));
        CHECK_FALSE(verify_inclusion(leaves[(i + 1) % 64], i, n, proof, root));
        auto longer = proof;
        longer.push_back(root);
        CHECK_FALSE(verify_inclusion(leaves[i], i, n, longer, root));
        for (std::size_t k = 0; k < proof.size(); ++k) {
          auto bad = proof;
          bad[k][0] ^= 8;
          CHECK_FALSE(verify_inclusion(leaves[i], i, n, bad, root));
        }
        if (!proof.empty()) {
          auto shorter = proof;
          shorter.pop_back();
          CHECK_FALSE(verify_inclusion(leaves[i], i, n, shorter, root));
        }
      }
    }
  }

  TEST_CASE(
      "consistency proofs between every pair of trees of 1 to 64 leaves, and their corruptions") {
    auto leaves = synthetic_leaves(64);
    std::vector<Hash> roots(65);
    for (std::uint64_t n = 1; n <= 64; ++n)
      roots[n] = merkle_root(std::vector<Hash>(leaves.begin(), leaves.begin() + n));
    for (std::uint64_t m = 1; m <= 64; ++m)
      for (std::uint64_t n = m; n <= 64; ++n) {
        CAPTURE(m);
        CAPTURE(n);
        auto proof = consistency_proof(leaves, m, n);
        REQUIRE(verify_consistency(m, n, roots[m], roots[n], proof));
        if (m == n) {
          CHECK(proof.empty());
          continue;
        }
        CHECK_FALSE(verify_consistency(m, n, roots[n], roots[m], proof));
        CHECK_FALSE(verify_consistency(m, n, roots[m], roots[m], proof));
        if (m > 1) CHECK_FALSE(verify_consistency(m - 1, n, roots[m], roots[n], proof));
        CHECK_FALSE(verify_consistency(m, n, roots[m], roots[n], {}));
        for (std::size_t k = 0; k < proof.size(); ++k) {
          auto bad = proof;
          bad[k][0] ^= 16;
          CHECK_FALSE(verify_consistency(m, n, roots[m], roots[n], bad));
        }
        auto longer = proof;
        longer.push_back(roots[n]);
        CHECK_FALSE(verify_consistency(m, n, roots[m], roots[n], longer));
      }
  }
}
