// The step kinds' field tables (step_fields.h) drive the body parsers: an empty body is missing
// exactly the table's required fields, a misspelt key is answered from the table, every field
// given has its position, and code that reads an undeclared field fails at once.
#include "script/step_fields.h"

#include <algorithm>
#include <stdexcept>

#include "config/yaml_tree.h"
#include "script_fixture.h"

namespace kr::script::test {
namespace {

// The kinds a script may name, in StepBody's order: what the table must hold.
constexpr std::string_view kKinds[] = {"generate-key", "self-sign",          "export-public-key",
                                       "issue",        "cross-sign",         "make-csr",
                                       "sign-crl",     "sign-ocsp-response", "backup-key",
                                       "restore-key",  "destroy-key"};

constexpr std::string_view kPubStep =
    "    export-public-key: {key: root-ca-1, output: root-ca-1.pub.pem, format: pem}";

// The fields the parser reports missing for `kind: {}` in place of the pub-1 step's body.
std::vector<std::string> missing_in_empty_body(std::string_view kind) {
  const std::string prefix = "steps[4]." + std::string(kind) + ".";
  const std::string suffix = ": required field is missing";
  std::vector<std::string> out;
  for (const auto& line : errors(with(kPubStep, "    " + std::string(kind) + ": {}"))) {
    const auto at = line.find(prefix);
    if (at == std::string::npos || !line.ends_with(suffix)) continue;
    const auto name = line.substr(at + prefix.size());
    out.push_back(name.substr(0, name.size() - suffix.size()));
  }
  return out;
}

std::vector<std::string> required_in_table(std::string_view kind) {
  std::vector<std::string> out;
  for (const auto& field : step_fields(kind))
    if (field.presence == Presence::required) out.emplace_back(field.name);
  return out;
}

}  // namespace

TEST_SUITE("script::step fields") {
  TEST_CASE("every step kind has a table; an unknown kind is a programming error") {
    std::vector<std::string_view> names;
    for (const StepKind& kind : step_kinds()) {
      CAPTURE(kind.name);
      names.push_back(kind.name);
      CHECK_FALSE(kind.fields.empty());
      CHECK(find_step_kind(kind.name) == &kind);
      CHECK(step_fields(kind.name).data() == kind.fields.data());
    }
    CHECK(names == std::vector<std::string_view>(std::begin(kKinds), std::end(kKinds)));
    CHECK(find_step_kind("sign-everything") == nullptr);
    CHECK_THROWS_AS(step_fields("sign-everything"), std::logic_error);
  }

  TEST_CASE("a body's kind name comes from the same table") {
    CHECK(std::string(step_kind(StepBody{GenerateKey{}})) == "generate-key");
    CHECK(std::string(step_kind(StepBody{SignOcspResponse{}})) == "sign-ocsp-response");
    CHECK(std::string(step_kind(StepBody{DestroyKey{}})) == "destroy-key");
  }

  TEST_CASE("an empty body is missing exactly its table's required fields") {
    for (auto kind : kKinds) {
      CAPTURE(kind);
      CHECK(missing_in_empty_body(kind) == required_in_table(kind));
    }
    CHECK(required_in_table("self-sign") ==
          std::vector<std::string>{"key", "profile", "subject", "validity", "output"});
  }

  TEST_CASE("a misspelt field is answered from the table") {
    CHECK(error(with("format: pem}", "formt: pem}")) ==
          "roots.yaml:37:68: steps[4].export-public-key.formt: unknown key \"formt\"; did you mean "
          "\"format\"?");
  }

  TEST_CASE("every field given is positioned, and an undeclared field cannot be read") {
    config::Diagnostics diagnostics("roots.yaml");
    constexpr config::FileKind kind{"ceremony script", "script", "keyrite: 1"};
    auto body = config::parse_yaml("key: old-root\n", kind, diagnostics);
    REQUIRE(body);
    StepDraft draft;
    const StepFields fields(*body, "destroy-key", draft, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(fields["key"] != nullptr);
    CHECK(fields["key"]->value == "old-root");
    REQUIRE(draft.step.field_positions.size() == 1);
    CHECK(draft.step.field_positions[0].first == "key");
    CHECK(draft.step.field_positions[0].second.line == 1);
    CHECK(draft.step.field_positions[0].second.column == 6);
    CHECK_THROWS_AS(fields["output"], std::logic_error);
  }
}

}  // namespace kr::script::test
