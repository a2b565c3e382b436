// bench-transcript_verify [EVENTS] [ROUNDS]: writes a ceremony transcript of EVENTS events (default
// 1,000,000) with a checkpoint every 1,000 lines (audit key plus two custodian cosignatures), and a
// tenth-size one, then times `kr-transcript verify` against `sha256sum` on the same file in the
// same run (alternating, median of ROUNDS), and reports the throughput ratio and each verify's peak
// RSS. See bench/README.md.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "ossl/der.h"
#include "transcript/roster.h"
#include "transcript/transcript_writer.h"
#include "util/atomic_file.h"

namespace fs = std::filesystem;
using namespace kr;
using namespace kr::transcript;

namespace {

struct Keys {
  ossl::EvpPkeyPtr audit{EVP_EC_gen("P-256")};
  ossl::EvpPkeyPtr cara{EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")};
  ossl::EvpPkeyPtr dev{EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")};
};

Bytes raw_public(EVP_PKEY* k) {
  Bytes pub(32);
  std::size_t len = 32;
  EVP_PKEY_get_raw_public_key(k, pub.data(), &len);
  return pub;
}

// A transcript shaped like a long ceremony: events with one input and one output hash and a few
// details (about 420 bytes per line, as the ceremony's signing events are).
void generate(const fs::path& path, std::uint64_t events, const Keys& k) {
  TranscriptWriter w(path, Durability::no_fsync);
  std::vector<NoteSigner> signers = {make_note_signer(kAuditKeyName, k.audit.get()),
                                     make_note_signer("custodian/Cara", k.cara.get()),
                                     make_note_signer("custodian/Dev", k.dev.get())};
  Roster roster{
      "bench-set", 2, 2, {{"Cara", raw_public(k.cara.get())}, {"Dev", raw_public(k.dev.get())}}};
  Event start;
  start.type = EventType::ceremony_started;
  start.operator_name = "Alex";
  start.target = "ceremony:bench";
  start.details["roster"] = roster_json(roster);
  w.append(start);
  Event e;
  e.type = EventType::certificate_signed;
  e.operator_name = "Alex";
  e.cause = "script step issue";
  for (std::uint64_t i = 1; i + 1 < events; ++i) {
    std::string n = std::to_string(i);
    e.step = "issue-" + n;
    e.target = "file:leaf-" + n + ".crt";
    e.inputs = {{"leaf-" + n + ".csr", std::string(64, 'a')}};
    e.outputs = {{"leaf-" + n + ".crt", std::string(64, 'b')}};
    e.details = {{"serial", "7f3a" + n},
                 {"not-before", "2026-01-01T00:00:00Z"},
                 {"not-after", "2027-01-01T00:00:00Z"},
                 {"profile", "tls-server"}};
    w.append(e);
    if (w.size() % 1000 == 999) w.append_checkpoint(signers);
  }
  Event fin;
  fin.type = EventType::ceremony_finished;
  fin.target = "ceremony:bench";
  w.append(fin);
  w.append_checkpoint(signers);
}

struct Run {
  double seconds = 0;
  long max_rss_kib = 0;
  int status = 0;
};

Run run(const std::vector<std::string>& argv) {
  std::fflush(stdout);  // or the child inherits and repeats buffered output
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout)) _exit(127);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  Run r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.max_rss_kib = ru.ru_maxrss;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Measured {
  double verify_s, sha_s;
  long verify_rss, sha_rss;
};

Measured measure(const fs::path& file, const fs::path& key, int rounds) {
  std::vector<std::string> verify = {KR_TRANSCRIPT_TOOL, "verify", file.string(), "--audit-key",
                                     key.string()};
  std::vector<std::string> sha = {"sha256sum", file.string()};
  run(sha);  // page cache warm for both
  std::vector<double> tv, ts;
  long rv = 0, rs = 0;
  for (int i = 0; i < rounds; ++i) {
    auto a = run(verify);
    if (a.status != 0)
      throw std::runtime_error("kr-transcript verify exited " + std::to_string(a.status));
    auto b = run(sha);
    tv.push_back(a.seconds);
    ts.push_back(b.seconds);
    rv = std::max(rv, a.max_rss_kib);
    rs = std::max(rs, b.max_rss_kib);
  }
  return {median(tv), median(ts), rv, rs};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::uint64_t events = argc > 1 ? std::stoull(argv[1]) : 1000000;
    int rounds = argc > 2 ? std::stoi(argv[2]) : 5;
    if (events < 10 || rounds < 1) {
      std::cerr << "usage: bench-transcript_verify [EVENTS >= 10] [ROUNDS >= 1]\n";
      return 1;
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp ? tmp : "/tmp") / "kr-bench-transcript-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    fs::path dir = pattern;
    Keys keys;
    write_new_file(dir / "audit.pem", as_bytes(ossl::public_key_pem(keys.audit.get())));
    std::printf("%-10s %9s %11s %11s %13s %13s %7s %12s\n", "events", "MB", "verify s",
                "sha256sum s", "verify MB/s", "sha256 MB/s", "ratio", "verify RSS");
    for (std::uint64_t n : {events / 10, events}) {
      fs::path file = dir / ("transcript-" + std::to_string(n) + ".jsonl");
      generate(file, n, keys);
      double mb = static_cast<double>(fs::file_size(file)) / 1e6;
      auto m = measure(file, dir / "audit.pem", rounds);
      std::printf("%-10llu %9.1f %11.3f %11.3f %13.1f %13.1f %7.2f %9ld KiB\n",
                  static_cast<unsigned long long>(n), mb, m.verify_s, m.sha_s, mb / m.verify_s,
                  mb / m.sha_s, m.sha_s / m.verify_s, m.verify_rss);
      fs::remove(file);
    }
    std::printf(
        "ratio = sha256sum time / verify time (goal >= 0.5); RSS is the verify process's peak\n");
    fs::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench-transcript_verify: error: " << e.what() << "\n";
    return 2;
  }
}
