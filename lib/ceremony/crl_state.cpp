// CRL-number state: read the highest number per issuer, append after a CRL is written.
#include "ceremony/crl_state.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/time.h"
#include "util/unique_fd.h"

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

namespace {

struct StateLine {
  Bytes number;
  std::string state;  // issued, reserved, released, skipped
  nlohmann::json json;
};

// Every record for the issuer, in file order.
std::vector<StateLine> read_state(const std::filesystem::path& state,
                                  const std::string& issuer_spki_sha256) {
  std::vector<StateLine> out;
  std::ifstream in(state);
  if (!in) {
    if (std::filesystem::exists(state)) throw Error(state.string() + ": cannot read the CRL state");
    return out;
  }
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    auto where = state.string() + ":" + std::to_string(line_no);
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("issuer_spki_sha256") ||
        !j.contains("crl_number") || !j["crl_number"].is_string())
      throw Error(
          where + ": not a CRL state record",
          "the state file must be exactly as keyrite wrote it; restore it from the CA's records");
    if (j["issuer_spki_sha256"] != issuer_spki_sha256) continue;
    auto number = from_hex(j["crl_number"].get<std::string>());
    if (!number || number->empty()) throw Error(where + ": crl_number is not hex");
    std::string st = j.value("state", "issued");
    if (st != "issued" && st != "reserved" && st != "released" && st != "skipped")
      throw Error(where + ": state \"" + st + "\" is not issued, reserved, released or skipped");
    out.push_back({std::move(*number), st, std::move(j)});
  }
  return out;
}

// The last state of each number, keyed by its canonical hex.
std::map<std::string, const StateLine*> last_states(const std::vector<StateLine>& lines) {
  std::map<std::string, const StateLine*> out;
  for (const auto& l : lines) {
    auto first = trim_zeros(l.number);
    out[to_hex(ByteView(first.data(), first.size()))] = &l;
  }
  return out;
}

void append_record(const std::filesystem::path& state, const CrlRecord& r, const char* st) {
  nlohmann::ordered_json j;
  j["issuer_spki_sha256"] = r.issuer_spki_sha256;
  j["issuer"] = r.issuer;
  j["crl_number"] = to_hex(r.crl_number);
  j["state"] = st;
  j["this_update"] = r.this_update;
  j[std::string(st) == "issued" ? "crl_sha256" : "tbs_sha256"] = r.crl_sha256;
  j["ceremony"] = r.ceremony;
  j["step"] = r.step;
  j["recorded"] = format_utc_now_millis();
  std::string line = j.dump() + "\n";
  if (!state.parent_path().empty()) std::filesystem::create_directories(state.parent_path());
  append_synced(state, line, "the CRL state");
}

}  // namespace

std::optional<Bytes> last_crl_number(const std::filesystem::path& state,
                                     const std::string& issuer_spki_sha256) {
  auto lines = read_state(state, issuer_spki_sha256);
  std::optional<Bytes> best;
  for (const auto& [hex, l] : last_states(lines)) {
    if (l->state == "released") continue;
    if (!best || compare_numbers(l->number, *best) > 0) best = l->number;
  }
  return best;
}

std::vector<OpenReservation> open_reservations(const std::filesystem::path& state,
                                               const std::string& issuer_spki_sha256) {
  auto lines = read_state(state, issuer_spki_sha256);
  std::vector<OpenReservation> out;
  for (const auto& [hex, l] : last_states(lines))
    if (l->state == "reserved")
      out.push_back({l->number, l->json.value("tbs_sha256", ""), l->json.value("ceremony", ""),
                     l->json.value("step", ""), l->json.value("recorded", "")});
  return out;
}

void reserve_crl_number(const std::filesystem::path& state, const CrlRecord& r) {
  auto last = last_crl_number(state, r.issuer_spki_sha256);
  if (last && compare_numbers(r.crl_number, *last) <= 0)
    throw Error("CRL number " + to_hex(r.crl_number) + " is not greater than " + to_hex(*last) +
                ", already taken for this issuer in " + state.string());
  append_record(state, r, "reserved");
}

void release_crl_number(const std::filesystem::path& state, const CrlRecord& r) {
  append_record(state, r, "released");
}

void skip_crl_number(const std::filesystem::path& state, const CrlRecord& r) {
  append_record(state, r, "skipped");
}

std::string crl_state_write_problem(const std::filesystem::path& state) {
  std::error_code ec;
  auto status = std::filesystem::status(state, ec);
  std::filesystem::path dir = state.parent_path().empty() ? "." : state.parent_path();
  if (status.type() == std::filesystem::file_type::not_found) {
    // The nearest existing directory is where the file (and any missing folders) will be made.
    while (!std::filesystem::exists(dir, ec) && dir.has_parent_path() && dir != dir.parent_path())
      dir = dir.parent_path();
    if (!std::filesystem::is_directory(dir, ec)) return dir.string() + " is not a directory";
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
      return "cannot create it in " + dir.string() + ": " + std::strerror(errno);
  } else if (status.type() != std::filesystem::file_type::regular) {
    return "it is not a regular file";
  } else {
    UniqueFd fd(::open(state.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
    if (!fd) return std::string("cannot open it for appending: ") + std::strerror(errno);
  }
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) == 0 && fs.f_bavail == 0)
    return "the file system holding it (" + dir.string() + ") is full";
  return {};
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
  auto lines = read_state(state, r.issuer_spki_sha256);
  auto states = last_states(lines);
  auto first = trim_zeros(r.crl_number);
  auto own = states.find(to_hex(ByteView(first.data(), first.size())));
  bool reserved_here = own != states.end() && own->second->state == "reserved";
  if (!reserved_here) {
    auto last = last_crl_number(state, r.issuer_spki_sha256);
    if (last && compare_numbers(r.crl_number, *last) <= 0)
      throw Error("CRL number " + to_hex(r.crl_number) + " is not greater than " + to_hex(*last) +
                  ", already recorded for this issuer in " + state.string());
  }
  append_record(state, r, "issued");
}

}  // namespace kr::ceremony
