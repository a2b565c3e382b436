// Serialising events in the fixed field order.
#include "transcript/event.h"

namespace kr::transcript {

const char* to_string(EventType type) {
  switch (type) {
    case EventType::ceremony_started:
      return "ceremony-started";
    case EventType::preflight_passed:
      return "preflight-passed";
    case EventType::token_opened:
      return "token-opened";
    case EventType::key_generated:
      return "key-generated";
    case EventType::certificate_signed:
      return "certificate-signed";
    case EventType::csr_signed:
      return "csr-signed";
    case EventType::crl_signed:
      return "crl-signed";
    case EventType::ocsp_response_signed:
      return "ocsp-response-signed";
    case EventType::public_key_exported:
      return "public-key-exported";
    case EventType::step_failed:
      return "step-failed";
    case EventType::ceremony_finished:
      return "ceremony-finished";
    case EventType::ceremony_failed:
      return "ceremony-failed";
    case EventType::approval_recorded:
      return "approval-recorded";
    case EventType::quorum_reached:
      return "quorum-reached";
    case EventType::quorum_failed:
      return "quorum-failed";
    case EventType::custodian_locked_out:
      return "custodian-locked-out";
    case EventType::key_backed_up:
      return "key-backed-up";
    case EventType::key_restored:
      return "key-restored";
    case EventType::key_destroyed:
      return "key-destroyed";
    case EventType::artifact_intent:
      return "artifact-intent";
    case EventType::artifact_abandoned:
      return "artifact-abandoned";
    case EventType::crl_number_skipped:
      return "crl-number-skipped";
    case EventType::pkcs11_retried:
      return "pkcs11-retried";
    case EventType::stale_files_found:
      return "stale-files-found";
    case EventType::ceremony_paused:
      return "ceremony-paused";
    case EventType::ceremony_resumed:
      return "ceremony-resumed";
  }
  return "unknown";
}

std::optional<EventType> event_type_from_string(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(EventType::ceremony_resumed); ++i) {
    auto type = static_cast<EventType>(i);
    if (name == to_string(type)) return type;
  }
  return std::nullopt;
}

const char* to_string(Outcome outcome) {
  return outcome == Outcome::success ? "success" : "failure";
}

namespace {
nlohmann::ordered_json digests(const std::vector<Digest>& list) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& d : list) out.push_back({{"name", d.name}, {"sha256", d.sha256}});
  return out;
}
}  // namespace

std::string to_json_line(const Event& event, std::uint64_t seq, const std::string& time) {
  nlohmann::ordered_json j;
  j["seq"] = seq;
  j["type"] = to_string(event.type);
  j["time"] = time;
  j["outcome"] = to_string(event.outcome);
  j["operator"] = event.operator_name;
  j["target"] = event.target;
  j["cause"] = event.cause;
  j["step"] = event.step;
  j["inputs"] = digests(event.inputs);
  j["outputs"] = digests(event.outputs);
  j["details"] = event.details;
  // Invalid UTF-8 (for example from a file name) is replaced rather than aborting the record.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace kr::transcript
