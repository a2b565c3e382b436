// kr-test-vectors DIR: writes the test vectors of docs/transcript-format.md section 10 into DIR
// (docs/test-vectors/ holds the committed set): a small closed ceremony transcript under a 3-of-4
// quorum with three real custodian approvals, its audit public key, the checkpoint roots, the first
// approval's exact message, and proofs. Custodian keys come from fixed seeds (so another
// implementation can re-sign the approval); the audit key is fresh, and ECDSA is randomised, so
// every run writes different bytes. Not a product tool.
#include <openssl/evp.h>

#include <iostream>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "quorum/approval.h"
#include "script/parser.h"
#include "script/step_digest.h"
#include "transcript/proof.h"
#include "transcript/roster.h"
#include "transcript/transcript_writer.h"
#include "util/atomic_file.h"
#include "util/time.h"

namespace {

using namespace kr;
namespace fs = std::filesystem;

constexpr const char* kScript =
    R"(# The test-vector ceremony of docs/transcript-format.md: one key under a 3-of-4 quorum.
keyrite: 1
ceremony:
  id: vector-2026
  description: keyrite transcript test vector
token: {module: softhsm2, label: vector-hsm}
roles:
  administrator: Alex Admin
  internal-auditor: Ivy Auditor
  custodians: [Cara, Dev, Eli, Fay]
quorum: {activation: 3-of-4, share-set: vector-hsm.shares.json}
steps:
  - id: key-1
    # The root's key; this comment is part of the approved step text.
    generate-key: {label: root-ca-1, type: ec, curve: P-256}
)";
constexpr const char* kSetId = "5e7c0ffee0ddba11c0ffee5e7c0ffee0";

// The Ed25519 private key of a custodian: seed = SHA-256("keyrite test vector custodian <name>").
Bytes custodian_seed(const std::string& name) {
  auto d = ossl::sha256(as_bytes("keyrite test vector custodian " + name));
  return Bytes(d.begin(), d.end());
}

ossl::EvpPkeyPtr custodian_key(const std::string& name) {
  auto seed = custodian_seed(name);
  return ossl::EvpPkeyPtr(
      EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr, seed.data(), seed.size()));
}

Bytes raw_public(EVP_PKEY* key) {
  Bytes pub(32);
  std::size_t len = pub.size();
  EVP_PKEY_get_raw_public_key(key, pub.data(), &len);
  return pub;
}

Bytes ed25519_sign(EVP_PKEY* key, const std::string& message) {
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key);
  Bytes sig(64);
  std::size_t len = sig.size();
  EVP_DigestSign(ctx.get(), sig.data(), &len,
                 reinterpret_cast<const unsigned char*>(message.data()), message.size());
  return sig;
}

transcript::Event event(transcript::EventType type, std::string target, std::string step,
                        std::string cause) {
  transcript::Event e;
  e.type = type;
  e.operator_name = "Alex Admin";
  e.target = std::move(target);
  e.step = std::move(step);
  e.cause = std::move(cause);
  return e;
}

void write(const fs::path& dir, const std::string& name, const std::string& text) {
  write_new_file(dir / name, as_bytes(text));
}

void generate(const fs::path& dir) {
  using namespace transcript;
  fs::create_directories(dir);
  const auto script = script::parse_script_text(kScript, "vector.yaml", {});
  const std::string step_sha256 = script::step_sha256(kScript, script, 0);

  ossl::EvpPkeyPtr audit(EVP_EC_gen("P-256"));
  std::map<std::string, ossl::EvpPkeyPtr> custodians;
  Roster roster;
  roster.set_id = kSetId;
  roster.m = 3;
  roster.n = 4;
  for (const char* name : {"Cara", "Dev", "Eli", "Fay"}) {
    custodians[name] = custodian_key(name);
    roster.custodians[name] = raw_public(custodians[name].get());
  }
  auto signer = [&](const std::string& name) {
    return make_note_signer(custodian_key_name(name), custodians.at(name).get());
  };
  const auto audit_signer = make_note_signer(kAuditKeyName, audit.get());

  const fs::path file = dir / "transcript.jsonl";
  TranscriptWriter w(file);
  auto start =
      event(EventType::ceremony_started, "ceremony:vector-2026", "", "kr-ceremony run vector.yaml");
  start.inputs.push_back({"vector.yaml", ossl::sha256_hex(as_bytes(std::string(kScript)))});
  start.details["script_file"] = "vector.yaml";
  start.details["script"] = kScript;
  start.details["tool-version"] = "test-vector";
  start.details["roster"] = roster_json(roster);
  w.append(start);
  w.append(event(EventType::token_opened, "token:vector-hsm", "", "ceremony"));

  std::string first_message;
  nlohmann::ordered_json first_approval;
  std::uint64_t first_approval_line = 0;
  int index = 1;
  for (const char* who : {"Cara", "Dev", "Eli"}) {
    quorum::Approval a;
    a.request = {"vector-2026", "key-1", step_sha256, w.root_hex(), w.size()};
    a.custodian = who;
    a.index = index++;
    a.set_id = kSetId;
    a.time = format_utc(utc_now());
    const std::string message = quorum::approval_message(a);
    a.signature = ed25519_sign(custodians.at(who).get(), message);
    auto e = event(EventType::approval_recorded, std::string("custodian:") + who, "key-1",
                   "approves step key-1");
    e.details["quorum"] = "activation";
    e.details["custodian"] = who;
    e.details["approval"] = quorum::to_json(a);
    auto seq = w.append(e);
    if (first_message.empty()) {
      first_message = message;
      first_approval = quorum::to_json(a);
      first_approval_line = seq;
    }
  }
  auto reached = event(EventType::quorum_reached, "step:key-1", "key-1",
                       "3 of 4 custodians approved step key-1");
  reached.details["quorum"] = "activation";
  w.append(reached);
  const auto first_checkpoint =
      w.append_checkpoint({audit_signer, signer("Cara"), signer("Dev"), signer("Eli")});

  ossl::EvpPkeyPtr root(EVP_EC_gen("P-256"));
  const Bytes spki = ossl::spki_der(root.get());
  auto key = event(EventType::key_generated, "key:root-ca-1", "key-1", "script step key-1");
  key.outputs.push_back({"key:root-ca-1 (SubjectPublicKeyInfo)", ossl::sha256_hex(spki)});
  key.details["algorithm"] = "EC P-256";
  w.append(key);
  auto done = event(EventType::ceremony_finished, "ceremony:vector-2026", "", "ceremony");
  done.details["steps"] = 1;
  w.append(done);
  const auto closing = w.append_checkpoint(
      {audit_signer, signer("Cara"), signer("Dev"), signer("Eli"), signer("Fay")});

  write(dir, "audit-key.pem", ossl::public_key_pem(audit.get()));
  // Roots: recomputed here from the file's lines, as a verifier would.
  auto bytes = read_file(file);
  std::string text(bytes.begin(), bytes.end());
  std::vector<Hash> leaves;
  for (std::size_t start_at = 0, nl; (nl = text.find('\n', start_at)) != std::string::npos;
       start_at = nl + 1)
    leaves.push_back(leaf_hash(std::string_view(text).substr(start_at, nl - start_at)));
  std::string roots =
      "# seq of each checkpoint line, then the RFC 6962 root of the lines before it\n";
  for (auto cp : {first_checkpoint, closing})
    roots += std::to_string(cp) + " " +
             to_hex(merkle_root(std::vector<Hash>(
                 leaves.begin(), leaves.begin() + static_cast<std::ptrdiff_t>(cp)))) +
             "\n";
  write(dir, "roots.txt", roots);

  write(dir, "approval-message.txt", first_message);
  write(dir, "approval.json", first_approval.dump(2) + "\n");
  write(dir, "approval-key.txt",
        "# Cara's Ed25519 key (test only): seed = SHA-256(\"keyrite test vector custodian Cara\")\n"
        "line " +
            std::to_string(first_approval_line) +
            "\n"
            "seed " +
            to_hex(custodian_seed("Cara")) +
            "\n"
            "public " +
            to_hex(raw_public(custodians.at("Cara").get())) + "\n");

  write(dir, "inclusion.proof", to_json(prove_inclusion(file, first_approval_line, closing)));
  write(dir, "consistency.proof", to_json(prove_consistency(file, first_checkpoint, closing)));

  // Bare RFC 6962 proofs of the certificate-transparency-go published 8-leaf tree.
  auto h = [](const char* hex) {
    Hash out;
    auto b = from_hex(hex);
    std::copy(b->begin(), b->end(), out.begin());
    return out;
  };
  BareInclusionProof inc{leaf_hash(std::string("\x40\x41\x42\x43")),
                         5,
                         8,
                         h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
                         {h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                          h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                          h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}};
  write(dir, "rfc6962-inclusion.proof", to_json(inc));
  BareConsistencyProof con{6,
                           8,
                           h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
                           inc.root,
                           {h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}};
  write(dir, "rfc6962-consistency.proof", to_json(con));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kr-test-vectors DIR\n";
    return 1;
  }
  try {
    generate(argv[1]);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "kr-test-vectors: error: " << e.what() << "\n";
    return 2;
  }
}
