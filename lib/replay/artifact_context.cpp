// Reading artifacts, inputs and generated keys for replay.
#include "replay/artifact_context.h"

#include <system_error>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/error.h"

namespace kr::replay {
namespace {

namespace fs = std::filesystem;

std::string recorded_sha256(const Line& event, const char* list, const std::string& name) {
  const auto& j = event.json;
  if (!j.contains(list) || !j.at(list).is_array()) return {};
  for (const auto& d : j.at(list))
    if (d.is_object() && d.value("name", "") == name) return d.value("sha256", "");
  return {};
}

// "the artifact of step X (file Y)" when some other artifact event recorded this hash.
std::string whose(const ArtifactContext& c, const std::string& sha256, const Line& self) {
  for (const auto& line : c.lines.lines) {
    if (line.seq == self.seq || !line.json.contains("outputs")) continue;
    for (const auto& d : line.json.at("outputs"))
      if (d.is_object() && d.value("sha256", "") == sha256)
        return "; it is the artifact of step " + line.step + " (" + d.value("name", "") + ")";
  }
  return {};
}

}  // namespace

const Line* find_event(const ArtifactContext& c, const std::string& step, const std::string& type) {
  const Line* found = nullptr;
  for (const auto& line : c.lines.lines)
    if (line.step == step && line.type == type) found = &line;
  return found;
}

const Line* require_event(const ArtifactContext& c, const std::string& step,
                          const std::string& type, StepVerdict& verdict) {
  if (const Line* event = find_event(c, step, type)) return event;
  if (const Line* failed = find_event(c, step, "step-failed"))
    verdict.skip("the step failed during the ceremony (line " + std::to_string(failed->seq) + ": " +
                 failed->json.value("cause", "") + "); nothing to replay");
  else
    verdict.skip("the transcript has no " + type + " event for this step: it did not run");
  return nullptr;
}

std::string detail(const Line& event, const char* name) {
  const auto& j = event.json;
  if (!j.contains("details") || !j.at("details").is_object()) return {};
  const auto& d = j.at("details");
  if (!d.contains(name) || !d.at(name).is_string()) return {};
  return d.at(name).get<std::string>();
}

std::optional<Bytes> read_artifact(const ArtifactContext& c, const Line& event,
                                   const std::string& output, StepVerdict& verdict) {
  const std::string recorded = recorded_sha256(event, "outputs", output);
  if (recorded.empty()) {
    verdict.fail("artifact: the " + event.type + " event (line " + std::to_string(event.seq) +
                 ") records no output \"" + output + "\"");
    return std::nullopt;
  }
  const fs::path file = artifact_location(c.script, output);
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    verdict.fail("artifact: " + output + " is missing from the artifacts directory (" +
                 file.string() + ")");
    return std::nullopt;
  }
  Bytes data = read_file(file);
  const std::string actual = ossl::sha256_hex(data);
  if (actual != recorded) {
    verdict.fail("artifact: " + output + " has SHA-256 " + actual + ", the transcript records " +
                 recorded + " (line " + std::to_string(event.seq) + "): modified or swapped" +
                 whose(c, actual, event));
    return std::nullopt;
  }
  verdict.checked.push_back("artifact " + output + ": SHA-256 as recorded");
  return data;
}

std::optional<Bytes> read_input(const ArtifactContext& c, const Line& event,
                                const script::InputFile& input, StepVerdict& verdict) {
  const fs::path file = input_location(c.script, input);
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    verdict.fail("input " + input.path + " not found (looked for " + file.string() + ")");
    return std::nullopt;
  }
  Bytes data = read_file(file);
  const std::string recorded = recorded_sha256(event, "inputs", input.path);
  if (recorded.empty()) {
    verdict.notes.push_back("input " + input.path +
                            ": the event records no hash for it; read from " + file.string());
    return data;
  }
  // A PEM input is recorded by the SHA-256 of its certificate's DER (ceremony issuer loading);
  // either form counts.
  std::string der_sha;
  try {
    der_sha = ossl::sha256_hex(ossl::cert_der(ossl::read_certificate(data, input.path).get()));
  } catch (const Error&) {
  }
  if (ossl::sha256_hex(data) != recorded && der_sha != recorded) {
    verdict.fail("input " + input.path + " (" + file.string() +
                 ") is not the file the ceremony read: its SHA-256 differs from " + recorded);
    return std::nullopt;
  }
  return data;
}

std::string recorded_key_sha256(const Line& event, const std::string& label) {
  return recorded_sha256(event, "inputs", "key:" + label + " (SubjectPublicKeyInfo)");
}

ossl::EvpPkeyPtr generated_key(const ArtifactContext& c, const std::string& label,
                               std::uint64_t before, StepVerdict& verdict) {
  const Line* event = nullptr;
  for (const auto& line : c.lines.lines)
    if (line.seq < before && line.type == "key-generated" &&
        line.json.value("target", "") == "key:" + label)
      event = &line;
  if (!event) return nullptr;
  const std::string b64 = detail(*event, "spki_der_base64");
  if (b64.empty()) {
    verdict.notes.push_back("key " + label + ": its key-generated event (line " +
                            std::to_string(event->seq) + ") has no details.spki_der_base64");
    return nullptr;
  }
  const auto der = base64_decode(b64);
  if (!der || ossl::sha256_hex(*der) != detail(*event, "spki_sha256")) {
    verdict.fail("key " + label + ": details.spki_der_base64 of line " +
                 std::to_string(event->seq) + " is not the key its spki_sha256 names");
    return nullptr;
  }
  return ossl::read_public_key(*der, "key " + label + " (line " + std::to_string(event->seq) + ")");
}

}  // namespace kr::replay
