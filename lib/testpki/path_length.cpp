#include "testpki/path_length.h"

#include <openssl/x509v3.h>

#include <set>
#include <vector>

#include "util/plural.h"

namespace kr::testpki {
namespace {

// The node whose key a CA certificate certifies: itself, or for a cross node the CA it certifies.
const std::string& subject_node(const Made& made) {
  return made.spec->kind == NodeKind::cross ? made.spec->certifies : made.spec->name;
}

struct Walk {
  const std::map<std::string, Made>& cas;
  std::map<std::string, std::vector<const Made*>> certifying;  // subject node -> its certificates
  config::Diagnostics& diagnostics;
  std::set<std::pair<std::string, std::string>> reported;

  // `path` holds the certificates from the bottom CA certificate up to the current one, whose
  // issuer is `issuer`; each certificate of `issuer` is the next one up.
  void up(std::vector<const Made*>& path, const std::string& issuer) {
    for (const Made* above : certifying[issuer]) {
      bool loop = false;
      for (const Made* m : path) loop = loop || m == above;
      if (loop) continue;
      const long limit = X509_get_pathlen(above->cert.get());
      const std::size_t below = path.size();  // non-self-issued CA certificates under `above`
      if (limit >= 0 && below > static_cast<std::size_t>(limit) &&
          above->spec->defect != "pathlen-exceeded")
        report(path, *above, limit);
      if (!above->issuer) continue;  // a root: the top of this path
      path.push_back(above);
      up(path, above->spec->issuer);
      path.pop_back();
    }
  }

  void report(const std::vector<const Made*>& path, const Made& above, long limit) {
    const Made& bottom = *path.front();
    if (!reported.emplace(bottom.name, above.name).second) return;
    std::string chain = bottom.name;
    for (const Made* m : path) chain += " <- " + m->spec->issuer;
    diagnostics.add(bottom.spec->issuer_position,
                    bottom.name + ": the path " + chain + " puts " +
                        count_of(path.size(), "CA certificate") + " below " + above.name +
                        ", whose pathLenConstraint is " + std::to_string(limit) +
                        " (e_issuer_path_len_exceeded); raise " + above.spec->name +
                        "'s path-length, or give it defect: pathlen-exceeded for a negative test");
  }
};

}  // namespace

void check_path_lengths(const std::map<std::string, Made>& cas, config::Diagnostics& diagnostics) {
  Walk walk{cas, {}, diagnostics, {}};
  for (const auto& [name, made] : cas) walk.certifying[subject_node(made)].push_back(&made);
  for (const auto& [name, made] : cas) {
    if (!made.issuer) continue;  // a root is below nothing
    std::vector<const Made*> path{&made};
    walk.up(path, made.spec->issuer);
  }
}

}  // namespace kr::testpki
