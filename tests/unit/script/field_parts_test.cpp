// The field table of the mappings inside step fields (field_parts.h) drives their readers: an empty
// mapping is missing exactly the table's required parts, a misspelt key is answered from the table
// where it was written, code that reads an undeclared part fails at once, and every step kind's
// row that names parts names rows the table has.
#include "script/field_parts.h"

#include <stdexcept>

#include "ca_fixture.h"
#include "config/yaml_tree.h"
#include "script/step_fields.h"

namespace kr::script::test {
namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

std::vector<std::string> required_under(std::string_view parent) {
  std::vector<std::string> out;
  const std::string prefix = std::string(parent) + ".";
  for (const auto& field : field_parts_table().fields)
    if (field.presence == Presence::required && field.name.starts_with(prefix))
      out.emplace_back(field.name.substr(prefix.size()));
  return out;
}

// The parts the parser reports missing at `path` ("steps[1].self-sign.validity") in `errors`.
std::vector<std::string> missing(const std::vector<std::string>& errors, const std::string& path) {
  const std::string suffix = ": required field is missing";
  std::vector<std::string> out;
  for (const auto& line : errors) {
    const auto at = line.find(" " + path + ".");
    if (at == std::string::npos || !line.ends_with(suffix)) continue;
    const auto name = line.substr(at + path.size() + 2);
    out.push_back(name.substr(0, name.size() - suffix.size()));
  }
  return out;
}

}  // namespace

TEST_SUITE("script::field parts") {
  TEST_CASE("the parts under each path, in the table's order (the allowed keys' order)") {
    const FieldTable& table = field_parts_table();
    CHECK(strings(keys_under(table, "validity")) ==
          std::vector<std::string>{"not-before", "not-after"});
    CHECK(strings(keys_under(table, "issuer")) == std::vector<std::string>{"key", "certificate"});
    CHECK(strings(keys_under(table, "key")) == std::vector<std::string>{"label", "imported"});
    CHECK(strings(keys_under(table, "revoked[]")) ==
          std::vector<std::string>{"serial", "certificate", "revocation-date", "reason",
                                   "invalidity-date"});
    CHECK(strings(keys_under(table, "subject")) ==
          std::vector<std::string>{"C", "ST", "L", "O", "OU", "CN", "serialNumber",
                                   "businessCategory", "jurisdictionC", "jurisdictionST",
                                   "jurisdictionL"});
  }

  TEST_CASE("every kind's row that names parts names rows of the table") {
    int named = 0;
    for (const StepKind& kind : step_kinds()) {
      for (const FieldSpec& field : kind.fields) {
        if (field.parts.empty()) continue;
        CAPTURE(kind.name);
        CAPTURE(field.name);
        ++named;
        const std::string list = std::string(field.parts) + "[]";
        CHECK((!keys_under(field_parts_table(), field.parts).empty() ||
               !keys_under(field_parts_table(), list).empty()));
      }
    }
    // self-sign's key and validity; issuer four times; validity twice more; revoked; signer.
    CHECK(named == 10);
  }

  TEST_CASE("an empty mapping is missing exactly its required parts") {
    CaCeremony ca;
    const auto validity = ca.errors(
        ca_with("{not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}", "{}"));
    CHECK(missing(validity, "steps[1].self-sign.validity") == required_under("validity"));
    CHECK(required_under("validity") == std::vector<std::string>{"not-before", "not-after"});

    const auto signer =
        ca.errors(ca_with("{key: ocsp-signer, certificate: inputs/ocsp-signer.crt}", "{}"));
    CHECK(missing(signer, "steps[8].sign-ocsp-response.signer") == required_under("issuer"));

    const auto key = ca.errors(ca_with("      key: root-ca-1\n      profile: root-ca\n",
                                       "      key: {}\n      profile: root-ca\n"));
    CHECK(missing(key, "steps[1].self-sign.key") == required_under("key"));

    const auto entry = ca.errors(ca_with(
        "{serial: 1A2B3C, revocation-date: 2026-01-02T12:00:00Z, reason: superseded}", "{}"));
    CHECK(missing(entry, "steps[6].sign-crl.revoked[0]") == required_under("revoked[]"));
    CHECK(required_under("revoked[]") == std::vector<std::string>{"revocation-date"});
  }

  TEST_CASE("a misspelt part is answered from the table, where it was written") {
    CaCeremony ca;
    CHECK(ca.errors(ca_with("{not-before: 2026-01-01", "{not-befor: 2026-01-01")) ==
          std::vector<std::string>{
              ca.at(13, 18, "steps[1].self-sign.validity.not-befor",
                    "unknown key \"not-befor\"; did you mean \"not-before\"?"),
              ca.at(13, 17, "steps[1].self-sign.validity.not-before", "required field is missing"),
          });
    CHECK(ca.errors(ca_with("{key: ocsp-signer", "{ky: ocsp-signer")) ==
          std::vector<std::string>{
              ca.at(78, 16, "steps[8].sign-ocsp-response.signer.ky",
                    "unknown key \"ky\"; did you mean \"key\"?"),
              ca.at(78, 15, "steps[8].sign-ocsp-response.signer.key", "required field is missing"),
          });
    CHECK(ca.errors(ca_with("      key: root-ca-1\n      profile: root-ca\n",
                            "      key: {lable: root-ca-1}\n      profile: root-ca\n")) ==
          std::vector<std::string>{
              ca.at(10, 13, "steps[1].self-sign.key.lable",
                    "unknown key \"lable\"; allowed keys: label, imported"),
              ca.at(10, 12, "steps[1].self-sign.key.label", "required field is missing"),
          });
    CHECK(ca.errors(ca_with("{serial: 1A2B3C", "{serail: 1A2B3C")) ==
          std::vector<std::string>{
              ca.at(61, 12, "steps[6].sign-crl.revoked[0].serail",
                    "unknown key \"serail\"; did you mean \"serial\"?"),
              ca.at(61, 11, "steps[6].sign-crl.revoked[0]", "give serial or certificate"),
          });
    CHECK(
        ca.error(ca_with("CN: Example Root CA 1}\n      validity",
                         "Cn: Example Root CA 1}\n      validity")) ==
        ca.at(12, 51, "steps[1].self-sign.subject.Cn", "unknown key \"Cn\"; did you mean \"CN\"?"));
  }

  TEST_CASE("a part the table does not declare cannot be read") {
    config::Diagnostics diagnostics("roots.yaml");
    constexpr config::FileKind kind{"ceremony script", "script", "keyrite: 1"};
    auto node = config::parse_yaml("not-before: 2026-01-01T00:00:00Z\n", kind, diagnostics);
    REQUIRE(node);
    const TableReader validity(*node, field_parts_table(), "validity", diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(validity.optional("not-before") != nullptr);
    CHECK(validity.optional("not-after") == nullptr);
    CHECK_THROWS_AS(validity.optional("not-befor"), std::logic_error);
    CHECK_THROWS_AS(validity.required("label"), std::logic_error);
  }
}

}  // namespace kr::script::test
