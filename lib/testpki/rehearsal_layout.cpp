#include "testpki/rehearsal_layout.h"

#include <openssl/x509.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "testpki/manifest.h"
#include "testpki/output_dir.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "x509/asn1_time.h"
#include "x509/crl_io.h"
#include "x509/csr_builder.h"
#include "x509/key_info.h"
#include "x509/name.h"
#include "x509/ocsp_builder.h"
#include "x509/serial.h"

namespace kr::testpki {

const char* const kRehearsalWarning =
    "REHEARSAL ARTIFACTS: every signature here was made with a throwaway software key generated "
    "for this rehearsal (or a stand-in for a key already on the token), not with the ceremony's "
    "token keys. They show what the ceremony will make; never deploy, trust or publish them.";

namespace fs = std::filesystem;
namespace {

// The artifact kinds, tried in this order; a file none of them reads is copied as it is.
template <class Ptr, class Reader>
Ptr try_read(Reader read, ByteView bytes, const std::string& what) {
  try {
    return read(bytes, what);
  } catch (const Error&) {
    ossl::drain_errors();
    return nullptr;
  }
}

// One file name for a path under the rehearsal directory: '/' made '-', and no leading '.' (the
// rehearsal keeps its copy of a CRL-number state file in .crl-state/; a reader should see it).
std::string flat_name(const fs::path& relative) {
  std::string name = relative.generic_string();
  std::replace(name.begin(), name.end(), '/', '-');
  name.erase(0, name.find_first_not_of('.'));
  return name;
}

// A name for the layout: the path under the rehearsal directory, '/' made '-', and without the
// extension that the layout gives back in its own form (.crt, .pem, .der, .crl, .csr, ...).
std::string stem_of(const fs::path& relative) {
  fs::path p = relative;
  const std::string ext = p.extension().string();
  static const char* known[] = {".crt", ".cer", ".pem", ".der", ".crl", ".csr", ".ocsp", ".resp"};
  if (std::find(std::begin(known), std::end(known), ext) != std::end(known)) p.replace_extension();
  if (p.extension() == ".ocsp") p.replace_extension();  // name.ocsp.der
  return flat_name(p);
}

struct Writer {
  const OutputDir& out;
  RehearsalLayout& counts;
  nlohmann::json files = nlohmann::json::array();
  void put(const std::string& name, const std::string& kind, ByteView bytes) {
    out.write(name, bytes);
    files.push_back({{"path", name}, {"kind", kind}, {"sha256", ossl::sha256_hex(bytes)}});
    ++counts.files;
  }
  nlohmann::json take() {
    nlohmann::json f = std::move(files);
    files = nlohmann::json::array();
    return f;
  }
};

nlohmann::json certificate_entry(const std::string& name, const std::string& source, X509* cert,
                                 Writer& w) {
  const Bytes der = ossl::cert_der(cert);
  const std::string pem = ossl::cert_pem(cert);
  w.put(name + ".crt", "certificate-pem", as_bytes(pem));
  w.put(name + ".der", "certificate-der", der);
  const EVP_PKEY* key = X509_get0_pubkey(cert);
  return {{"name", name},
          {"rehearsal-output", source},
          {"subject", x509::name_text(X509_get_subject_name(cert))},
          {"issuer", x509::name_text(X509_get_issuer_name(cert))},
          {"serial", x509::serial_hex(X509_get0_serialNumber(cert))},
          {"not-before", manifest_time(X509_get0_notBefore(cert))},
          {"not-after", manifest_time(X509_get0_notAfter(cert))},
          {"key", x509::describe_key(key).text},
          {"spki-sha256", key ? ossl::spki_sha256_hex(key) : ""},
          {"certificate-sha256", ossl::sha256_hex(der)},
          {"files", w.take()}};
}

// An empty CRL has no revokedCertificates at all: OpenSSL's stack is then null (count -1).
int revoked_count(X509_CRL* crl) {
  return std::max(0, sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl)));
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out.push_back(entry.path().lexically_relative(dir));
  std::sort(out.begin(), out.end());  // the manifest in a stable order
  return out;
}

}  // namespace

RehearsalLayout write_rehearsal_layout(const fs::path& rehearsal_dir, const fs::path& out_path,
                                       const RehearsedScript& script) {
  RehearsalLayout counts;
  OutputDir out(out_path);
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : script.steps) {
    nlohmann::json step = {{"id", s.id}, {"rehearsed", s.rehearsed}};
    if (!s.rehearsed) step["note"] = s.note;
    if (!s.stand_in_signers.empty()) step["stand-in-signers"] = s.stand_in_signers;
    steps.push_back(step);
  }
  // rehearsal and throwaway-keys are flags a script can test; warning is for people.
  nlohmann::json header = {{"generator", "kr-testpki rehearse"},
                           {"format", 1},
                           {"rehearsal", true},
                           {"throwaway-keys", true},
                           {"warning", kRehearsalWarning},
                           {"script", script.script_file},
                           {"script-sha256", script.script_sha256},
                           {"ceremony", script.ceremony_id},
                           {"steps", steps}};
  ManifestWriter manifest(out, header);
  Writer w{out, counts};
  std::vector<nlohmann::json> crls, ocsp, csrs, other;
  std::size_t index = 0;
  for (const fs::path& relative : files_under(rehearsal_dir)) {
    const Bytes bytes = read_file(rehearsal_dir / relative);
    const std::string source = relative.generic_string(), name = stem_of(relative);
    if (auto cert = try_read<ossl::X509Ptr>(ossl::read_certificate, bytes, source)) {
      manifest.add_certificate(index++, certificate_entry(name, source, cert.get(), w));
      ++counts.certificates;
    } else if (auto crl = try_read<ossl::X509CrlPtr>(x509::read_crl, bytes, source)) {
      w.put(name + ".crl", "crl-der", x509::crl_der(crl.get()));
      w.put(name + ".crl.pem", "crl-pem", as_bytes(x509::crl_pem(crl.get())));
      crls.push_back({{"name", name},
                      {"rehearsal-output", source},
                      {"issuer", x509::name_text(X509_CRL_get_issuer(crl.get()))},
                      {"entries", revoked_count(crl.get())},
                      {"this-update", manifest_time(X509_CRL_get0_lastUpdate(crl.get()))},
                      {"next-update", manifest_time(X509_CRL_get0_nextUpdate(crl.get()))},
                      {"files", w.take()}});
      ++counts.crls;
    } else if (auto response =
                   try_read<ossl::OcspResponsePtr>(x509::read_ocsp_response, bytes, source)) {
      w.put(name + ".ocsp.der", "ocsp-response-der", x509::ocsp_response_der(response.get()));
      ocsp.push_back({{"name", name}, {"rehearsal-output", source}, {"files", w.take()}});
      ++counts.ocsp_responses;
    } else if (auto csr = try_read<ossl::X509ReqPtr>(x509::read_csr, bytes, source)) {
      w.put(name + ".csr", "csr-pem", as_bytes(x509::csr_pem(csr.get())));
      w.put(name + ".csr.der", "csr-der", x509::csr_der(csr.get()));
      csrs.push_back({{"name", name},
                      {"rehearsal-output", source},
                      {"subject", x509::name_text(X509_REQ_get_subject_name(csr.get()))},
                      {"files", w.take()}});
      ++counts.csrs;
    } else {
      w.put(flat_name(relative), "file", bytes);
      other.push_back(w.take()[0]);
      ++counts.other;
    }
  }
  const std::string banner = std::string(kRehearsalWarning) + "\n\nCeremony " + script.ceremony_id +
                             ", script " + script.script_file + " (SHA-256 " +
                             script.script_sha256 + "). manifest.json lists every file.\n";
  w.put("REHEARSAL.txt", "rehearsal-notice", as_bytes(banner));
  other.push_back(w.take()[0]);
  for (const auto& [section, entries] : {std::pair{"crls", &crls},
                                         {"ocsp-responses", &ocsp},
                                         {"csrs", &csrs},
                                         {"other-files", &other}}) {
    manifest.begin_section(section);
    for (const auto& e : *entries) manifest.add_plain(e);
  }
  manifest.finish();
  out.commit();
  return counts;
}

}  // namespace kr::testpki
