// kr-testpki rehearse: what a ceremony rehearsal (lib/ceremony/rehearsal.h, run by the tool) left
// in its private directory, laid out as kr-testpki lays out a hierarchy, so a security officer
// reads every artifact of the ceremony before it happens: certificates as NAME.crt (PEM) and
// NAME.der, CRLs as NAME.crl (DER) and NAME.crl.pem, OCSP responses as NAME.ocsp.der, CSRs as
// NAME.csr (PEM) and NAME.csr.der, every other file (the disclosure inventory, the rehearsal's
// unsigned event log, exported public keys) as it is; then manifest.json, which says first
// that these are rehearsal artifacts signed with throwaway keys, and REHEARSAL.txt, which says so
// to whoever opens the directory. Same output rules as generate: new or empty, never an overwrite,
// nothing left behind on failure. This file knows nothing of the ceremony code: the tool passes
// what the rehearsal reported.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kr::testpki {

struct RehearsedScript {
  std::string script_file;
  std::string script_sha256;
  std::string ceremony_id;
  struct Step {
    std::string id;
    bool rehearsed = false;
    std::string note;                           // why not, when not
    std::vector<std::string> stand_in_signers;  // token keys a throwaway key stood in for
  };
  std::vector<Step> steps;
};

struct RehearsalLayout {
  std::size_t certificates = 0, crls = 0, ocsp_responses = 0, csrs = 0, other = 0, files = 0;
};

// The warning manifest.json and REHEARSAL.txt carry, and the tool prints.
extern const char* const kRehearsalWarning;

// Reads every regular file under `rehearsal_dir` (names relative to it, '/' becoming '-', no
// leading '.') and
// writes the layout into `out`.
RehearsalLayout write_rehearsal_layout(const std::filesystem::path& rehearsal_dir,
                                       const std::filesystem::path& out,
                                       const RehearsedScript& script);

}  // namespace kr::testpki
