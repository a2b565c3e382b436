// What the run-sheet says a certificate step will write: every extension value a script sets is
// named, so the room approves what the token will sign.
#include "report/step_words.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "util/time.h"

using namespace kr;

namespace {

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_SUITE("report::step words") {
  TEST_CASE("a constrained subordinate: EKU, qualifiers, name constraints, PrintableString") {
    script::Issue issue;
    issue.issuer.key = "root";
    issue.issuer.certificate.path = "root.crt";
    issue.profile = "cabf-br/constrained-tls-subordinate-ca";
    issue.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example TLS CA"}};
    issue.subject_printable = {"O", "CN"};
    issue.validity.not_before = *parse_utc("2025-06-01T00:00:00Z");
    issue.validity.not_after = *parse_utc("2030-06-01T00:00:00Z");
    issue.output = "tcsc.crt";
    auto& e = issue.extensions;
    e.extended_key_usage = {"serverAuth", "clientAuth"};
    e.policies = {"2.23.140.1.2.1", "1.3.6.1.4.1.44947.1.1.1"};
    e.policy_qualifiers = {{"1.3.6.1.4.1.44947.1.1.1", {"http://cps.example.org/"}, ""}};
    e.permitted_subtrees = {{"example.com"}, {"192.0.2.0/24"}, {{{"C", "US"}, {"O", "Example"}}}};
    e.excluded_subtrees = {{""}, {"::/0"}, {}};
    script::Step step;
    step.id = "tcsc";
    step.body = issue;
    auto lines = report::describe_step(step);
    CAPTURE(lines);
    CHECK(has_line(lines, "Written as PrintableString: O, CN"));
    CHECK(has_line(lines, "Extended key usage: serverAuth, clientAuth"));
    CHECK(has_line(lines,
                   "Policy qualifiers of 1.3.6.1.4.1.44947.1.1.1: CPS http://cps.example.org/"));
    CHECK(has_line(lines,
                   "Name constraints, permitted: DNS example.com, IP 192.0.2.0/24, directory " +
                       report::dn_text({{"C", "US"}, {"O", "Example"}})));
    CHECK(has_line(lines, "Name constraints, excluded: every DNS name, IP ::/0"));
  }
}
