// export-public-key: the SubjectPublicKeyInfo of a token key, for CSRs, cross-signing and records.
#include "ceremony/key_reference.h"
#include "ceremony/output_file.h"
#include "ossl/der.h"

namespace kr::ceremony {
namespace {

const script::ExportPublicKey& body(const script::Step& step) {
  return std::get<script::ExportPublicKey>(step.body);
}

void check_offline(const script::Script&, const script::Step&, const RunOptions&,
                   std::vector<Finding>&) {}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  check_key_available(ctx, step, body(step).key, findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& x = body(step);
  const auto& pair = ctx.key(x.key);
  Bytes data;
  if (x.format == script::OutputFormat::der) {
    data = ossl::spki_der(pair.public_key.get());
  } else {
    auto pem = ossl::public_key_pem(pair.public_key.get());
    data.assign(pem.begin(), pem.end());
  }
  auto fingerprint = ossl::spki_sha256_hex(pair.public_key.get());
  record_intent(ctx, step, "public key", "file:" + x.output, {{"spki_sha256", fingerprint}});
  auto written = write_output(ctx, x.output, data);

  auto e = ctx.event(transcript::EventType::public_key_exported, &step);
  e.target = "file:" + x.output;
  e.inputs.push_back({"key:" + x.key + " (SubjectPublicKeyInfo)", fingerprint});
  e.outputs.push_back(written);
  e.details["spki_sha256"] = fingerprint;
  ctx.log->append(e);
  ctx.out << "public key " << x.key << " -> " << x.output << "\n  SPKI SHA-256 " << fingerprint
          << "\n";
}

}  // namespace

const StepHandler kExportPublicKey{"export-public-key", check_offline, check_on_token, run};

}  // namespace kr::ceremony
