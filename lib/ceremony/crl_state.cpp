// CRL-number state: read the highest number per issuer, append after a CRL is written.
#include "ceremony/crl_state.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/time.h"

namespace kr::ceremony {
namespace {

ByteView trim_zeros(ByteView v) {
  std::size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  return v.subspan(i);
}

}  // namespace

int compare_numbers(ByteView a, ByteView b) {
  a = trim_zeros(a);
  b = trim_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

std::optional<Bytes> last_crl_number(const std::filesystem::path& state,
                                     const std::string& issuer_spki_sha256) {
  std::ifstream in(state);
  if (!in) {
    if (std::filesystem::exists(state)) throw Error(state.string() + ": cannot read the CRL state");
    return std::nullopt;
  }
  std::optional<Bytes> best;
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    auto where = state.string() + ":" + std::to_string(line_no);
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("issuer_spki_sha256") ||
        !j.contains("crl_number") || !j["crl_number"].is_string())
      throw Error(where + ": not a CRL state record",
                  "the state file must be exactly as keyrite wrote it; restore it from the CA's records");
    if (j["issuer_spki_sha256"] != issuer_spki_sha256) continue;
    auto number = from_hex(j["crl_number"].get<std::string>());
    if (!number || number->empty()) throw Error(where + ": crl_number is not hex");
    if (!best || compare_numbers(*number, *best) > 0) best = std::move(*number);
  }
  return best;
}

Bytes next_crl_number(const std::optional<Bytes>& from_state,
                      const std::optional<Bytes>& from_previous_crl) {
  Bytes n;
  if (from_state) n = *from_state;
  if (from_previous_crl && (n.empty() || compare_numbers(*from_previous_crl, n) > 0))
    n = *from_previous_crl;
  n.insert(n.begin(), 0);  // room for a carry
  for (std::size_t i = n.size(); i-- > 0;)
    if (++n[i] != 0) break;
  auto first = trim_zeros(n);
  return Bytes(first.begin(), first.end());
}

void record_crl_number(const std::filesystem::path& state, const CrlRecord& r) {
  auto last = last_crl_number(state, r.issuer_spki_sha256);
  if (last && compare_numbers(r.crl_number, *last) <= 0)
    throw Error("CRL number " + to_hex(r.crl_number) + " is not greater than " + to_hex(*last) +
                ", already recorded for this issuer in " + state.string());
  nlohmann::ordered_json j;
  j["issuer_spki_sha256"] = r.issuer_spki_sha256;
  j["issuer"] = r.issuer;
  j["crl_number"] = to_hex(r.crl_number);
  j["this_update"] = r.this_update;
  j["crl_sha256"] = r.crl_sha256;
  j["ceremony"] = r.ceremony;
  j["step"] = r.step;
  j["recorded"] = format_utc_now_millis();
  std::string line = j.dump() + "\n";
  if (!state.parent_path().empty()) std::filesystem::create_directories(state.parent_path());
  append_synced(state, line, "the CRL state");
}

}  // namespace kr::ceremony
