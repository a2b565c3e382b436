// One row per step kind of what it uses and writes. Adding a kind means adding its rows here.
#include "script/step_uses.h"

#include "util/overloaded.h"

namespace kr::script {
namespace {

void add_key(std::vector<KeyUse>& out, const std::string& label, std::string field,
             const std::string* algorithm) {
  if (label.empty()) return;
  out.push_back({&label, std::move(field), algorithm && !algorithm->empty() ? algorithm : nullptr});
}

void add_input(std::vector<InputUse>& out, InputFile& file, FileKind expects,
               const std::string* certified_key = nullptr) {
  if (!file.path.empty()) out.push_back({&file, expects, certified_key});
}
void add_input(std::vector<InputUse>& out, std::optional<InputFile>& file, FileKind expects) {
  if (file) add_input(out, *file, expects);
}
void add_issuer(std::vector<InputUse>& out, IssuerRef& issuer) {
  add_input(out, issuer.certificate, FileKind::certificate, &issuer.key);
}

std::optional<OutputUse> output(const std::string& path, FileKind kind,
                                const std::string* certified_key = nullptr) {
  if (path.empty()) return std::nullopt;
  return OutputUse{&path, kind, certified_key};
}

}  // namespace

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::certificate:
      return "a certificate";
    case FileKind::public_key:
      return "a public key";
    case FileKind::csr:
      return "a CSR";
    case FileKind::crl:
      return "a CRL";
    case FileKind::ocsp_response:
      return "an OCSP response";
    case FileKind::key_backup:
      return "a key backup descriptor";
  }
  return "a file";
}

std::vector<KeyUse> key_uses(const StepBody& body) {
  std::vector<KeyUse> out;
  std::visit(
      Overloaded{
          [](const GenerateKey&) {},
          [&](const SelfSign& s) { add_key(out, s.key, "key", &s.signature_algorithm); },
          [&](const ExportPublicKey& e) { add_key(out, e.key, "key", nullptr); },
          [&](const Issue& i) { add_key(out, i.issuer.key, "issuer.key", &i.signature_algorithm); },
          [&](const CrossSign& c) {
            add_key(out, c.issuer.key, "issuer.key", &c.signature_algorithm);
          },
          [&](const MakeCsr& m) { add_key(out, m.key, "key", &m.signature_algorithm); },
          [&](const SignCrl& c) { add_key(out, c.issuer.key, "issuer.key", nullptr); },
          [&](const SignOcspResponse& o) {
            add_key(out, o.issuer.key, "issuer.key", nullptr);
            if (o.signer) add_key(out, o.signer->key, "signer.key", nullptr);
          },
          [&](const BackupKey& b) { add_key(out, b.key, "key", nullptr); },
          [](const RestoreKey&) {},
          [&](const DestroyKey& d) { add_key(out, d.key, "key", nullptr); }},
      body);
  return out;
}

std::vector<InputUse> input_uses(StepBody& body) {
  std::vector<InputUse> out;
  std::visit(
      Overloaded{[](GenerateKey&) {}, [](SelfSign&) {}, [](ExportPublicKey&) {}, [](MakeCsr&) {},
                 [&](Issue& i) {
                   add_issuer(out, i.issuer);
                   add_input(out, i.csr, FileKind::csr);
                   add_input(out, i.public_key, FileKind::public_key);
                 },
                 [&](CrossSign& c) {
                   add_issuer(out, c.issuer);
                   add_input(out, c.certificate, FileKind::certificate);
                 },
                 [&](SignCrl& c) {
                   add_issuer(out, c.issuer);
                   add_input(out, c.previous_crl, FileKind::crl);
                   for (auto& entry : c.revoked)
                     add_input(out, entry.certificate, FileKind::certificate);
                 },
                 [&](SignOcspResponse& o) {
                   add_issuer(out, o.issuer);
                   if (o.signer) add_issuer(out, *o.signer);
                   add_input(out, o.certificate, FileKind::certificate);
                 },
                 [](BackupKey&) {}, [](DestroyKey&) {},
                 [&](RestoreKey& r) { add_input(out, r.backup, FileKind::key_backup); }},
      body);
  return out;
}

std::optional<OutputUse> output_of(const StepBody& body) {
  return std::visit(
      Overloaded{
          [](const GenerateKey&) -> std::optional<OutputUse> { return std::nullopt; },
          [](const SelfSign& s) { return output(s.output, FileKind::certificate, &s.key); },
          [](const ExportPublicKey& e) { return output(e.output, FileKind::public_key); },
          [](const Issue& i) { return output(i.output, FileKind::certificate); },
          [](const CrossSign& c) { return output(c.output, FileKind::certificate); },
          [](const MakeCsr& m) { return output(m.output, FileKind::csr); },
          [](const SignCrl& c) { return output(c.output, FileKind::crl); },
          [](const SignOcspResponse& o) { return output(o.output, FileKind::ocsp_response); },
          // backup-key writes a directory's two files, checked when it runs; nothing a later
          // step of the same script reads.
          [](const BackupKey&) -> std::optional<OutputUse> { return std::nullopt; },
          [](const RestoreKey&) -> std::optional<OutputUse> { return std::nullopt; },
          [](const DestroyKey&) -> std::optional<OutputUse> { return std::nullopt; }},
      body);
}

}  // namespace kr::script
