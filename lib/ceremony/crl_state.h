// The CRL-number state file: an append-only JSON Lines record, per issuer, of every CRL number a
// ceremony has used. It travels with the CA's records from one ceremony to the next, so CRL numbers
// never repeat and always increase (CPS 7.2, RFC 5280 5.2.3).
//
// Lines, fields in this order ("state" tells what the line records):
//   {"issuer_spki_sha256": "...", "issuer": "C = US, ...", "crl_number": "0f" (hex, big-endian),
//    "state": "reserved", "this_update": "...", "tbs_sha256": "...", "ceremony", "step",
//    "recorded"}
//      written and fsynced BEFORE the token signs: the number is taken even if the process dies
//      while signing or writing, so it can never be issued twice;
//   {..., "state": "issued", "this_update", "crl_sha256", "ceremony", "step", "recorded"}
//      after the CRL file is in place;
//   {..., "state": "released", ...} when the step failed in a live process before any CRL left it
//      (nothing signed was written): the number may be used again;
//   {..., "state": "skipped", ...} when a later CRL finds a reservation that was neither issued
//      nor released (the process died): the number is never used, and the gap is recorded here
//      and in that ceremony's transcript (crl-number-skipped).
// Lines without "state" (written before reservations existed) are issued numbers. A refused step
// (profile, plan, previous CRL) stops before the reservation and consumes no number.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/bytes.h"

namespace kr::ceremony {

// How a sign-crl step's event names the state file among its outputs: "<path> (CRL state,
// appended)". Its SHA-256 is the file's at that moment; later CRLs append to it.
inline constexpr std::string_view kCrlStateOutputSuffix = " (CRL state, appended)";
// Whether a step event's output entry names the CRL state file rather than an artifact in the
// output directory.
inline bool names_crl_state(std::string_view output_name) {
  return output_name.ends_with(kCrlStateOutputSuffix);
}

struct CrlRecord {
  std::string issuer_spki_sha256;
  std::string issuer;
  Bytes crl_number;  // big-endian magnitude
  std::string this_update;
  std::string crl_sha256;  // issued: the CRL's DER; reserved: the to-be-signed DER
  std::string ceremony;
  std::string step;
};

// The highest number taken for this issuer (issued, or reserved and not released); nullopt when
// none (or no file yet). Throws naming file and line for a malformed record: a damaged state file
// must stop the ceremony, not reset it.
std::optional<Bytes> last_crl_number(const std::filesystem::path& state,
                                     const std::string& issuer_spki_sha256);

// A reservation neither issued, released nor skipped: a process died after taking the number.
struct OpenReservation {
  Bytes crl_number;
  std::string tbs_sha256;
  std::string ceremony;
  std::string step;
  std::string recorded;
};
std::vector<OpenReservation> open_reservations(const std::filesystem::path& state,
                                               const std::string& issuer_spki_sha256);

// Appends a "reserved" record (crl_sha256 holds the to-be-signed hash) and fsyncs; refuses a
// number not greater than every number taken for the issuer.
void reserve_crl_number(const std::filesystem::path& state, const CrlRecord& record);
// Appends "released" for a reservation whose CRL never left the process.
void release_crl_number(const std::filesystem::path& state, const CrlRecord& record);
// Appends "skipped" for an open reservation found by a later step.
void skip_crl_number(const std::filesystem::path& state, const CrlRecord& record);

// The next number: one more than the larger of the state's last and the previous CRL's number
// (either may be absent; both absent gives 1).
Bytes next_crl_number(const std::optional<Bytes>& from_state,
                      const std::optional<Bytes>& from_previous_crl);

// Appends the "issued" record (creating the file if needed) and fsyncs. Refuses, without writing,
// a number that is not greater than every number taken for the issuer, unless it is this very
// number's open reservation.
void record_crl_number(const std::filesystem::path& state, const CrlRecord& record);

// Big-endian unsigned comparison, ignoring leading zero octets.
int compare_numbers(ByteView a, ByteView b);

}  // namespace kr::ceremony

namespace kr::ceremony {
// Why a CRL state file could not be appended to (read-only file system, no permission, a
// directory in its place, no free space); empty when it can. Nothing is written.
std::string crl_state_write_problem(const std::filesystem::path& state);
}  // namespace kr::ceremony
