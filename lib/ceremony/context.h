// What a running ceremony carries from step to step: the script, the open token, the keys made or
// found so far, and the event log.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "ceremony/intent.h"
#include "pkcs11/keys.h"
#include "pkcs11/session.h"
#include "pkcs11/token.h"
#include "script/model.h"
#include "transcript/event_log.h"
#include "util/secret.h"

namespace kr::ceremony {

// Plan mode (kr-ceremony plan) and runs that follow a reviewed plan (kr-ceremony run --plan).
struct PlanState {
  bool planning = false;          // compute to-be-signed bytes only; never sign or write outputs
  std::filesystem::path tbs_dir;  // planning: where STEP.tbs.der files go
  std::map<std::string, Bytes> serials;           // step id -> certificate serial
  std::map<std::string, std::string> tbs_sha256;  // step id -> SHA-256 of the to-be-signed DER
};

// Thrown by the signing pipeline in plan mode once the to-be-signed bytes are known: the step
// stops there, before the token is asked for anything.
struct PlannedStop {};

class Presenters;
class RehearsalKeys;

struct RunOptions {
  std::filesystem::path output_dir = ".";
  std::filesystem::path log_path;      // empty: <output_dir>/<ceremony id>.events.jsonl
  std::filesystem::path profiles_dir;  // empty: the templates/profiles/ keyrite was built with
  PlanState plan;                      // empty unless planning or following a plan
  // Under a quorum: where custodians' shares and passphrases come from (ceremony/presenters.h).
  Presenters* presenters = nullptr;
  // The time the operator read off the reference clock (CPS 5.5.5), recorded beside the system
  // time in the first event; empty when not given.
  std::string attested_time;
  // Standard output is a terminal: long operations show a ticker, else plain lines
  // (ceremony/progress.h).
  bool terminal = false;
};

struct Context {
  const script::Script& script;
  RunOptions options;
  std::ostream& out;  // what the operator sees: fingerprints, file names

  std::shared_ptr<pkcs11::Module> module;
  pkcs11::TokenInfo token;
  std::optional<pkcs11::Session> session;
  std::optional<pkcs11::Login> login;
  const Secret* user_pin = nullptr;
  // Set only while a backup-key or restore-key step runs under the recovery quorum: the KEK
  // rebuilt by the recovery custodians (quorum::derive_backup_kek), and the SO PIN derived from
  // the activation secret (backup-key imports the KEK as the security officer). Null otherwise.
  const Secret* backup_kek = nullptr;
  const Secret* so_pin = nullptr;
  transcript::EventLog* log = nullptr;
  std::map<std::string, pkcs11::KeyPair> keys;  // by label
  // Signing keys opened through the provider, by label. Declared after `login` so they are freed
  // before the login ends (lib/provider/hsm_key.h).
  std::map<std::string, ossl::EvpPkeyPtr> signing_keys;
  // Set only in a rehearsal (ceremony/rehearsal.h): software keys in memory stand in for the
  // token's, which is never opened.
  RehearsalKeys* rehearsal = nullptr;
  // SPKI SHA-256 of each key this run generated, as its key-generated event records it: every
  // later use checks the token's key against it (ceremony/key_checks.h).
  std::map<std::string, std::string> recorded_spki;
  // The running step's intents not yet settled (ceremony/intent.h).
  std::vector<OpenIntent> intents;

  std::filesystem::path output_path(const std::string& relative) const {
    return options.output_dir / relative;
  }
  // The key with this label: one generated earlier in this run, or looked up on the token.
  const pkcs11::KeyPair& key(const std::string& label);
  // The serial for a certificate step: the planned one when following a plan, else fresh random
  // (recorded in the plan when planning).
  Bytes serial_for(const script::Step& step);
  // The token key as an EVP_PKEY that signs through the provider, opened once per run.
  EVP_PKEY* signing_key(const pkcs11::KeyPair& pair);
  // An event pre-filled with the operator and step.
  transcript::Event event(transcript::EventType type, const script::Step* step) const;
};

}  // namespace kr::ceremony
