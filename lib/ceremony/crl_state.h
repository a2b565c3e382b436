// The CRL-number state file: an append-only JSON Lines record, per issuer, of every CRL number a
// ceremony has used. It travels with the CA's records from one ceremony to the next, so CRL numbers
// never repeat and always increase (CPS 7.2, RFC 5280 5.2.3).
//
// One line per signed CRL, fields in this order:
//   {"issuer_spki_sha256": "...", "issuer": "C = US, ...", "crl_number": "0f" (hex, big-endian),
//    "this_update": "...", "crl_sha256": "...", "ceremony": "...", "step": "...", "recorded": "..."}
// A number is recorded only after its CRL has been written, so a refused or failed step consumes
// no number. If a crash falls between the two, the CRL itself is the evidence: pass it as
// previous-crl and the next number is above it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "util/bytes.h"

namespace kr::ceremony {

struct CrlRecord {
  std::string issuer_spki_sha256;
  std::string issuer;
  Bytes crl_number;  // big-endian magnitude
  std::string this_update;
  std::string crl_sha256;
  std::string ceremony;
  std::string step;
};

// The highest number recorded for this issuer; nullopt when none (or no file yet). Throws naming
// file and line for a malformed record: a damaged state file must stop the ceremony, not reset it.
std::optional<Bytes> last_crl_number(const std::filesystem::path& state,
                                     const std::string& issuer_spki_sha256);

// The next number: one more than the larger of the state's last and the previous CRL's number
// (either may be absent; both absent gives 1).
Bytes next_crl_number(const std::optional<Bytes>& from_state,
                      const std::optional<Bytes>& from_previous_crl);

// Appends one record (creating the file if needed) and fsyncs. Refuses, without writing, a number
// that is not greater than every number already recorded for the issuer.
void record_crl_number(const std::filesystem::path& state, const CrlRecord& record);

// Big-endian unsigned comparison, ignoring leading zero octets.
int compare_numbers(ByteView a, ByteView b);

}  // namespace kr::ceremony
