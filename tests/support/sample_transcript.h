// A small but complete ceremony transcript written by the real TranscriptWriter with software keys:
// an ECDSA P-256 audit key and three custodians' Ed25519 keys (2-of-3). Used by the transcript unit
// tests and by tests/tools/kr-sample-transcript for the CLI integration test.
#pragma once

#include <openssl/evp.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ossl/types.h"
#include "transcript/roster.h"
#include "transcript/transcript_writer.h"

namespace kr::test {

struct SampleKeys {
  ossl::EvpPkeyPtr audit;
  std::map<std::string, ossl::EvpPkeyPtr> custodians;  // Cara, Dev, Eli
};

inline SampleKeys make_sample_keys() {
  SampleKeys k;
  k.audit.reset(EVP_EC_gen("P-256"));
  for (const char* name : {"Cara", "Dev", "Eli"})
    k.custodians[name].reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  return k;
}

inline transcript::Roster sample_roster(const SampleKeys& k) {
  transcript::Roster r;
  r.set_id = "activation-set-1";
  r.m = 2;
  r.n = k.custodians.size();
  for (const auto& [name, key] : k.custodians) {
    Bytes pub(32);
    std::size_t len = pub.size();
    EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len);
    r.custodians[name] = pub;
  }
  return r;
}

enum class SampleEnding { closed, without_closing_checkpoint };

// Writes the sample ceremony to `path`: 14 lines with checkpoints at lines 5, 9 and 13 (closing).
inline void write_sample_transcript(const std::filesystem::path& path, const SampleKeys& k,
                                    SampleEnding ending = SampleEnding::closed) {
  using namespace transcript;
  TranscriptWriter w(path, Durability::no_fsync);
  auto audit = make_note_signer(kAuditKeyName, k.audit.get());
  auto custodian = [&](const std::string& name) {
    return make_note_signer(custodian_key_name(name), k.custodians.at(name).get());
  };
  Event e;
  e.type = EventType::ceremony_started;
  e.operator_name = "Alex";
  e.target = "ceremony:demo-2026";
  e.cause = "kr-ceremony run demo.yaml";
  e.inputs.push_back({"demo.yaml", std::string(64, 'a')});
  e.details["script"] = "keyrite: 1\nceremony: {id: demo-2026}\nsteps:\n  - id: key-1\n";
  e.details["tool-version"] = "0.1.0";
  e.details["binary-sha256"] = std::string(64, 'b');
  e.details["roster"] = roster_json(sample_roster(k));
  e.details["token"] = {{"label", "root-hsm"}, {"serial", "0123456789abcdef"}};
  e.details["attested-time"] = "2026-11-22T23:45:00Z";
  e.details["system-time"] = "2026-11-22T23:45:51Z";
  w.append(e);
  auto simple = [&](EventType type, std::string target, std::string step) {
    Event x;
    x.type = type;
    x.operator_name = "Alex";
    x.target = std::move(target);
    x.step = step;
    x.cause = step.empty() ? "ceremony" : "script step " + step;
    return x;
  };
  w.append(simple(EventType::token_opened, "token:root-hsm", ""));
  w.append(simple(EventType::preflight_passed, "token:root-hsm", ""));
  for (const char* who : {"Cara", "Dev"}) {
    auto a = simple(EventType::approval_recorded, "step:key-1", "key-1");
    a.details["custodian"] = who;
    a.details["log-root"] = w.root_hex();
    w.append(a);
  }
  w.append_checkpoint({audit, custodian("Cara"), custodian("Dev")});
  auto key = simple(EventType::key_generated, "key:root-ca-1", "key-1");
  key.outputs.push_back({"root-ca-1.pub.pem", std::string(64, 'c')});
  key.details["algorithm"] = "EC P-256 — “quoted” ünïcödé";
  w.append(key);
  for (const char* who : {"Dev", "Eli"}) {
    auto a = simple(EventType::approval_recorded, "step:cert-1", "cert-1");
    a.details["custodian"] = who;
    w.append(a);
  }
  w.append_checkpoint({audit, custodian("Dev"), custodian("Eli")});
  auto cert = simple(EventType::certificate_signed, "file:root-ca-1.crt", "cert-1");
  cert.outputs.push_back({"root-ca-1.crt", std::string(64, 'd')});
  cert.details["serial"] = "7f3a";
  w.append(cert);
  w.append(simple(EventType::token_opened, "token:root-hsm", ""));
  auto fin = simple(EventType::ceremony_finished, "ceremony:demo-2026", "");
  fin.details["steps"] = 2;
  w.append(fin);
  if (ending == SampleEnding::closed)
    w.append_checkpoint({audit, custodian("Cara"), custodian("Dev"), custodian("Eli")});
}

}  // namespace kr::test
