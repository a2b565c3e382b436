#include "testpki/generator.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "profile/profile.h"
#include "testpki/artifacts.h"
#include "testpki/crypto.h"
#include "testpki/file_writer.h"
#include "testpki/hierarchy_graph.h"
#include "testpki/manifest.h"
#include "testpki/output_dir.h"
#include "testpki/path_length.h"
#include "testpki/revocation.h"
#include "util/error.h"
#include "x509/asn1_time.h"
#include "x509/crl_builder.h"
#include "x509/crl_io.h"
#include "x509/key_info.h"
#include "x509/name.h"

namespace kr::testpki {
namespace {

struct Profiles {
  std::filesystem::path dir;
  std::map<std::string, profile::Profile> loaded;
  const profile::Profile* get(const NodeSpec& node, config::Diagnostics& d) {
    const std::string name = node_profile(node);
    if (auto it = loaded.find(name); it != loaded.end()) return &it->second;
    try {
      return &loaded.emplace(name, profile::load_profile(dir, name)).first->second;
    } catch (const Error& e) {
      d.add(node.profile_position, std::string("profile ") + e.what());
      return nullptr;
    }
  }
};

std::string date(UtcTime t) {
  return format_utc(t).substr(0, 10);
}

std::string validity_text(const X509* cert) {
  auto nb = x509::from_asn1_time(X509_get0_notBefore(cert));
  auto na = x509::from_asn1_time(X509_get0_notAfter(cert));
  return nb && na ? date(*nb) + " .. " + date(*na) : "";
}

// The issuers' certificates of a chain, leaf side first, without the root; and the root.
std::string chain_pem(const Made& made) {
  std::string out;
  for (const Made* at = made.issuer; at && at->issuer; at = at->issuer)
    out += certificate_pem(at->cert.get());
  return out;
}
std::string root_pem(const Made& made) {
  const Made* at = &made;
  while (at->issuer) at = at->issuer;
  return certificate_pem(at->cert.get());
}

bool is_revoked(const NodeSpec& node) {
  return node.revoked.has_value() || node.defect == "revoked";
}

}  // namespace

UtcTime default_reference_time(bool seeded) {
  UtcTime now = utc_now();
  if (!seeded) return now;
  return std::chrono::floor<std::chrono::days>(now);
}

GenerateResult generate(const Spec& spec, const GenerateOptions& options) {
  GenerateResult result;
  result.reference = options.reference_time ? *options.reference_time
                     : spec.reference_time  ? *spec.reference_time
                                            : default_reference_time(options.seed.has_value());
  const Seed seed = options.seed ? seed_from_text(*options.seed) : random_seed();
  SeededLibrary library(seed);
  Profiles profiles{
      options.profiles_dir.empty() ? profile::default_profiles_dir() : options.profiles_dir, {}};
  config::Diagnostics diagnostics(spec.file);

  // --- CAs, in an order where every issuer (and certified CA) comes first ---
  std::map<std::string, Made> cas;
  std::vector<const NodeSpec*> pending;
  for (const auto& n : spec.nodes)
    if (n.kind != NodeKind::leaf) pending.push_back(&n);
  std::vector<const NodeSpec*> ca_order;
  while (!pending.empty()) {
    std::size_t before = pending.size();
    for (auto it = pending.begin(); it != pending.end();) {
      const NodeSpec& n = **it;
      bool ready = (n.issuer.empty() || cas.count(n.issuer)) &&
                   (n.certifies.empty() || cas.count(n.certifies));
      bool blocked = (!n.issuer.empty() && !cas.count(n.issuer) &&
                      std::none_of(pending.begin(), pending.end(),
                                   [&](auto* p) { return p->name == n.issuer; }));
      if (blocked) {
        it = pending.erase(it);  // its issuer failed its own checks, already reported
        continue;
      }
      if (!ready) {
        ++it;
        continue;
      }
      const profile::Profile* p = profiles.get(n, diagnostics);
      if (p) {
        IssueContext context{library, result.reference, *p};
        const Made* issuer = n.issuer.empty() ? nullptr : &cas.at(n.issuer);
        const Made* certified = n.certifies.empty() ? nullptr : &cas.at(n.certifies);
        if (auto made = issue(context, n, 1, issuer, certified, diagnostics)) {
          ca_order.push_back(&n);
          cas.emplace(n.name, std::move(*made));
        }
      }
      it = pending.erase(it);
    }
    if (pending.size() == before) throw Error("internal: the CA order did not progress");
  }

  check_path_lengths(cas, diagnostics);

  // --- leaves: the first of each node is made once now, so a spec the profile refuses fails here
  std::vector<const NodeSpec*> leaves;
  std::vector<std::size_t> leaf_start;  // index of each leaf node's first copy
  std::size_t total_leaves = 0;
  for (const auto& n : spec.nodes) {
    if (n.kind != NodeKind::leaf) continue;
    const profile::Profile* p = profiles.get(n, diagnostics);
    auto issuer = cas.find(n.issuer);
    if (!p || issuer == cas.end()) continue;
    IssueContext context{library, result.reference, *p};
    if (!issue(context, n, 1, &issuer->second, nullptr, diagnostics)) continue;
    // The workers skip the request check (RequestCheck::skip): the last copy has the longest
    // names {n} can make, so a limit on length is met by every copy if it is met by the last.
    if (n.count > 1 && !issue(context, n, n.count, &issuer->second, nullptr, diagnostics)) continue;
    leaves.push_back(&n);
    leaf_start.push_back(total_leaves);
    total_leaves += static_cast<std::size_t>(n.count);
  }
  diagnostics.throw_if_any();

  // --- nothing can be refused any more: write ---
  OutputDir out(options.out);
  FileWriter files(out);  // destroyed before `out`, which removes everything if this throws
  ArtifactContext artifacts{library, files, result.reference};
  nlohmann::json header = {{"generator", "kr-testpki"},
                           {"format", 1},
                           {"reference-time", format_utc(result.reference)},
                           {"deterministic", options.seed.has_value()}};
  ManifestWriter manifest(out, header);
  std::size_t index = 0;
  std::map<std::string, std::vector<x509::CrlEntry>> revoked;  // by issuing CA
  std::mutex revoked_mutex;
  std::vector<GraphNode> graph;
  for (const NodeSpec* n : ca_order) {
    const Made& made = cas.at(n->name);
    const bool r = is_revoked(*n);
    manifest.add_certificate(index++, write_artifacts(artifacts, made, chain_pem(made),
                                                      root_pem(made), node_profile(*n), r));
    if (r) revoked[n->issuer].push_back(revocation_entry(made, result.reference));
    graph.push_back({n, x509::describe_key(X509_get0_pubkey(made.cert.get())).text,
                     validity_text(made.cert.get())});
  }
  const std::size_t first_leaf_index = index;
  std::map<std::string, std::pair<std::string, std::string>> chains;  // issuer -> (chain, root)
  std::map<std::string, const profile::Profile*> leaf_profiles;
  for (const NodeSpec* n : leaves) {
    const Made& issuer = cas.at(n->issuer);
    chains[n->issuer] = {certificate_pem(issuer.cert.get()) + chain_pem(issuer), root_pem(issuer)};
    if (!issuer.issuer) chains[n->issuer].first.clear();  // a root's leaves: the chain is the leaf
    leaf_profiles[n->name] = profiles.get(*n, diagnostics);
  }

  unsigned workers =
      options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  workers =
      static_cast<unsigned>(std::min<std::size_t>(workers, std::max<std::size_t>(total_leaves, 1)));
  result.workers = workers;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::string error_text, error_hint;
  auto work = [&] {
    try {
      SignerCache signers(library.libctx());
      for (;;) {
        std::size_t i = next.fetch_add(1);
        if (i >= total_leaves || failed) return;
        manifest.wait_for_window(i, 8 * workers + 64);
        if (failed) return;
        std::size_t k = static_cast<std::size_t>(
            std::upper_bound(leaf_start.begin(), leaf_start.end(), i) - leaf_start.begin() - 1);
        const NodeSpec& node = *leaves[k];
        const int n = static_cast<int>(i - leaf_start[k]) + 1;
        const Made& issuer = cas.at(node.issuer);
        IssueContext context{library, result.reference, *leaf_profiles.at(node.name), &signers,
                             RequestCheck::skip};
        config::Diagnostics local(spec.file);
        auto made = issue(context, node, n, &issuer, nullptr, local);
        if (!made) local.throw_if_any();
        const bool r = is_revoked(node);
        const auto& [chain, root] = chains.at(node.issuer);
        manifest.add_certificate(
            first_leaf_index + i,
            write_artifacts(artifacts, *made, chain, root, node_profile(node), r));
        if (r) {
          std::lock_guard lock(revoked_mutex);
          revoked[node.issuer].push_back(revocation_entry(*made, result.reference));
        }
      }
    } catch (const Error& e) {
      std::lock_guard lock(error_mutex);
      if (!failed.exchange(true)) error_text = e.what(), error_hint = e.hint();
      manifest.abort();
    } catch (const std::exception& e) {
      std::lock_guard lock(error_mutex);
      if (!failed.exchange(true)) error_text = e.what();
      manifest.abort();
    }
  };
  {
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
  }
  if (failed) throw Error(error_text, error_hint);
  result.certificates = ca_order.size() + total_leaves;
  for (std::size_t k = 0; k < leaves.size(); ++k) {
    auto [nb, na] = node_validity(*leaves[k], result.reference);
    graph.push_back({leaves[k],
                     leaves[k]->defect == "rsa-1024" ? "RSA-1024" : leaves[k]->key.text(),
                     date(nb) + " .. " + date(na)});
  }

  // --- a CRL per CA that issues ---
  manifest.begin_section("crls");
  for (const NodeSpec* n : ca_order) {
    if (n->kind == NodeKind::cross) continue;
    const Made& ca = cas.at(n->name);
    auto crl = make_crl(library, ca, revoked[n->name], result.reference);
    const Bytes der = x509::crl_der(crl.get());
    const std::string pem = x509::crl_pem(crl.get());
    files.write(n->name + ".crl", der);
    files.write(n->name + ".crl.pem", as_bytes(pem));
    manifest.add_plain(
        {{"issuer", n->name},
         {"entries", revoked[n->name].size()},
         {"this-update", format_utc(result.reference - std::chrono::hours(1))},
         {"next-update", format_utc(result.reference + std::chrono::hours(24 * 7))},
         {"files",
          {{{"path", n->name + ".crl"}, {"kind", "crl-der"}, {"sha256", ossl::sha256_hex(der)}},
           {{"path", n->name + ".crl.pem"},
            {"kind", "crl-pem"},
            {"sha256", ossl::sha256_hex(as_bytes(pem))}}}}});
  }
  manifest.begin_section("other-files");
  const std::string svg = render_svg(hierarchy_dot(graph));
  files.write("hierarchy.svg", as_bytes(svg));
  files.finish();
  manifest.add_plain({{"path", "hierarchy.svg"},
                      {"kind", "hierarchy-svg"},
                      {"sha256", ossl::sha256_hex(as_bytes(svg))}});
  manifest.finish();
  out.commit();
  std::error_code ec;
  for (std::filesystem::directory_iterator it(options.out, ec), end; !ec && it != end;
       it.increment(ec))
    ++result.files;
  return result;
}

}  // namespace kr::testpki
