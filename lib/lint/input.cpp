// Input splitting and parsing. PEM blocks are found by their BEGIN/END lines and each is decoded on
// its own, so a truncated or corrupt block costs only itself; DER objects are parsed one after
// another until the input is used up.
#include "lint/input.h"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "ossl/pem_or_der.h"
#include "util/error.h"

namespace kr::lint {
namespace {

// The root cause OpenSSL queued ("header too long"), emptying the queue.
std::string openssl_reason() {
  unsigned long first = ERR_get_error();
  ERR_clear_error();
  const char* reason = first ? ERR_reason_error_string(first) : nullptr;
  return reason ? reason : "";
}

std::string with_reason(std::string message) {
  std::string reason = openssl_reason();
  return reason.empty() ? message : message + " (" + reason + ")";
}

// Parses one object of `type` from the front of `der`; returns the bytes used, 0 when it does not
// parse. trusted: the OpenSSL "TRUSTED CERTIFICATE" form (certificate plus trust settings).
std::size_t parse_one(ByteView der, ArtifactType type, Artifact& a, bool trusted = false) {
  const unsigned char* start = der.data();
  const unsigned char* p = start;
  long len = static_cast<long>(der.size());
  switch (type) {
    case ArtifactType::certificate:
      a.cert.reset(trusted ? d2i_X509_AUX(nullptr, &p, len) : d2i_X509(nullptr, &p, len));
      if (!a.cert) return 0;
      break;
    case ArtifactType::crl:
      a.crl.reset(d2i_X509_CRL(nullptr, &p, len));
      if (!a.crl) return 0;
      break;
    case ArtifactType::csr:
      a.csr.reset(d2i_X509_REQ(nullptr, &p, len));
      if (!a.csr) return 0;
      break;
    case ArtifactType::ocsp_response:
      a.ocsp.reset(d2i_OCSP_RESPONSE(nullptr, &p, len));
      if (!a.ocsp) return 0;
      break;
  }
  std::size_t used = static_cast<std::size_t>(p - start);
  a.type = type;
  a.der.assign(start, start + used);
  return used;
}

constexpr ArtifactType kDerOrder[] = {ArtifactType::certificate, ArtifactType::crl,
                                      ArtifactType::csr, ArtifactType::ocsp_response};

// Tries each type in turn at the front of `der`.
std::size_t parse_any(ByteView der, Artifact& a) {
  for (ArtifactType type : kDerOrder) {
    std::size_t used = parse_one(der, type, a);
    ERR_clear_error();
    if (used) return used;
  }
  return 0;
}

std::vector<Artifact> read_der(ByteView data) {
  std::vector<Artifact> out;
  std::size_t offset = 0;
  while (offset < data.size()) {
    Artifact a;
    a.index = out.size();
    std::size_t used = parse_any(data.subspan(offset), a);
    if (!used) {
      a.error = offset == 0 ? "not PEM, and not a DER certificate, CRL, CSR or OCSP response"
                            : std::to_string(data.size() - offset) + " bytes after offset " +
                                  std::to_string(offset) +
                                  " are not a DER certificate, CRL, CSR or OCSP response";
      out.push_back(std::move(a));
      break;
    }
    offset += used;
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<ArtifactType> type_of_label(std::string_view label, bool& trusted) {
  trusted = label == "TRUSTED CERTIFICATE";
  if (label == "CERTIFICATE" || label == "X509 CERTIFICATE" || trusted)
    return ArtifactType::certificate;
  if (label == "X509 CRL") return ArtifactType::crl;
  if (label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST")
    return ArtifactType::csr;
  if (label == "OCSP RESPONSE") return ArtifactType::ocsp_response;
  return std::nullopt;
}

// One PEM block's text, BEGIN line through END line.
Artifact read_pem_block(std::string_view block, const std::string& label) {
  Artifact a;
  bool trusted = false;
  a.type = type_of_label(label, trusted);
  if (!a.type) {
    a.error = "a \"" + label + "\" PEM block is not a certificate, CRL, CSR or OCSP response";
    return a;
  }
  auto decoded = ossl::decode_pem(as_bytes(block));
  if (!decoded || decoded->body.empty()) {
    a.error = with_reason("the \"" + label + "\" PEM block does not decode");
    return a;
  }
  ByteView der = decoded->body;
  std::size_t used = parse_one(der, *a.type, a, trusted);
  std::string what(type_text(*a.type));
  if (!used) {
    a.error = with_reason("the \"" + label + "\" PEM block is not a DER " + what);
  } else if (used != der.size()) {
    a.error = "the \"" + label + "\" PEM block has " + std::to_string(der.size() - used) +
              " bytes after the " + what;
    a.cert.reset();
    a.crl.reset();
    a.csr.reset();
    a.ocsp.reset();
  }
  ERR_clear_error();
  return a;
}

std::vector<Artifact> read_pem(std::string_view text) {
  static constexpr std::string_view kBegin = "-----BEGIN ", kDashes = "-----";
  std::vector<Artifact> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t begin = text.find(kBegin, pos);
    if (begin == std::string_view::npos) break;
    std::size_t label_start = begin + kBegin.size();
    std::size_t label_end = text.find(kDashes, label_start);
    std::size_t line_end = text.find('\n', label_start);
    Artifact broken;
    broken.index = out.size();
    if (label_end == std::string_view::npos || label_end > line_end ||
        label_end - label_start > 64) {
      broken.error = "a PEM BEGIN line without a label";
      out.push_back(std::move(broken));
      break;
    }
    std::string label(text.substr(label_start, label_end - label_start));
    std::string end_line = "-----END " + label + "-----";
    std::size_t end = text.find(end_line, label_end + kDashes.size());
    if (end == std::string_view::npos) {
      bool trusted = false;
      broken.type = type_of_label(label, trusted);
      broken.error = "the \"" + label + "\" PEM block has no END line";
      out.push_back(std::move(broken));
      break;
    }
    pos = end + end_line.size();
    Artifact a = read_pem_block(text.substr(begin, pos - begin), label);
    a.index = out.size();
    out.push_back(std::move(a));
  }
  return out;
}

std::string size_text(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};

}  // namespace

std::string_view type_name(ArtifactType type) {
  switch (type) {
    case ArtifactType::certificate:
      return "certificate";
    case ArtifactType::crl:
      return "crl";
    case ArtifactType::csr:
      return "csr";
    case ArtifactType::ocsp_response:
      return "ocsp-response";
  }
  return "unknown";
}

std::string_view type_text(ArtifactType type) {
  switch (type) {
    case ArtifactType::certificate:
      return "certificate";
    case ArtifactType::crl:
      return "CRL";
    case ArtifactType::csr:
      return "CSR";
    case ArtifactType::ocsp_response:
      return "OCSP response";
  }
  return "artifact";
}

std::vector<Artifact> read_artifacts(ByteView data) {
  std::vector<Artifact> out;
  if (data.empty()) {
    out.emplace_back().error = "the input is empty";
    return out;
  }
  // PEM or DER by the one rule every reader uses (ossl::is_pem); the splitting into blocks is
  // kr-lint's own, so that a bad block costs only itself.
  if (ossl::is_pem(data)) {
    std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    out = read_pem(text);
  } else {
    out = read_der(data);
  }
  if (out.empty()) out.emplace_back().error = "no PEM block in it";
  ERR_clear_error();
  return out;
}

Bytes read_input(const std::string& path, std::size_t limit) {
  std::unique_ptr<std::FILE, FileCloser> owned;
  std::FILE* f = stdin;
  if (path != "-") {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
      throw Error(std::string("cannot read: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw Error("is a directory");
    owned.reset(std::fopen(path.c_str(), "rb"));
    if (!owned) throw Error(std::string("cannot open: ") + std::strerror(errno));
    f = owned.get();
  }
  Bytes data;
  std::uint8_t buffer[1 << 16];
  while (true) {
    std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
    if (n > 0) {
      if (data.size() + n > limit)
        throw Error("is larger than " + size_text(limit) + ", the most kr-lint reads",
                    "check that it is the file you meant");
      data.insert(data.end(), buffer, buffer + n);
    }
    if (n < sizeof buffer) {
      if (std::ferror(f)) throw Error(std::string("read failed: ") + std::strerror(errno));
      break;
    }
  }
  return data;
}

}  // namespace kr::lint
