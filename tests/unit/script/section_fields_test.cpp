// The field tables of the script's top level and of the extensions mapping (section_fields.h)
// drive the section readers: an empty section is missing exactly its table's required fields, a
// misspelt key is answered from the table, and code that reads an undeclared key fails at once.
#include "script/section_fields.h"

#include <stdexcept>

#include "config/yaml_tree.h"
#include "script_fixture.h"

namespace kr::script::test {
namespace {

// The fields the parser reports missing under `section` when `from` is replaced by `to`.
std::vector<std::string> missing(std::string_view from, std::string_view to,
                                 const std::string& section) {
  const std::string suffix = ": required field is missing";
  std::vector<std::string> out;
  for (const auto& line : errors(with(from, to))) {
    const auto at = line.find(" " + section + ".");
    if (at == std::string::npos || !line.ends_with(suffix)) continue;
    const auto name = line.substr(at + section.size() + 2);
    out.push_back(name.substr(0, name.size() - suffix.size()));
  }
  return out;
}

std::vector<std::string> required_under(const FieldTable& table, std::string_view parent) {
  std::vector<std::string> out;
  const std::string prefix = parent.empty() ? "" : std::string(parent) + ".";
  for (const auto& field : table.fields) {
    const std::string name(field.name);
    if (field.presence != Presence::required || !name.starts_with(prefix)) continue;
    const std::string key = name.substr(prefix.size());
    if (key.find('.') == std::string::npos) out.push_back(key);
  }
  return out;
}

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

}  // namespace

TEST_SUITE("script::section fields") {
  TEST_CASE("the keys under each path, in the table's order") {
    CHECK(strings(keys_under(script_table(), "")) ==
          std::vector<std::string>{"keyrite", "ceremony", "token", "roles", "quorum", "steps"});
    CHECK(strings(keys_under(script_table(), "steps[]")) ==
          std::vector<std::string>{"id", "description"});
    CHECK(strings(keys_under(extensions_table(), "policy-qualifiers[]")) ==
          std::vector<std::string>{"policy", "cps", "user-notice"});
    CHECK(strings(keys_under(extensions_table(), "name-constraints")) ==
          std::vector<std::string>{"permitted", "excluded"});
    CHECK(keys_under(extensions_table(), "nowhere").empty());
  }

  TEST_CASE("an empty section is missing exactly its table's required fields") {
    CHECK(missing("{id: roots-2015, description: Root CA 1 and 3 key generation}", "{}",
                  "ceremony") == required_under(script_table(), "ceremony"));
    CHECK(missing("{module: softhsm2, label: root-hsm}", "{}", "token") ==
          required_under(script_table(), "token"));
    CHECK(missing("roles:\n  administrator: Alex\n  internal-auditor: Ivy\n", "roles:\n",
                  "roles") == required_under(script_table(), "roles"));
    CHECK(missing("{activation: 3-of-5, share-set: root-hsm.shares.json}", "{}", "quorum") ==
          required_under(script_table(), "quorum"));
    CHECK(required_under(script_table(), "quorum") ==
          std::vector<std::string>{"activation", "share-set"});
  }

  TEST_CASE("a misspelt section key is answered from the table") {
    CHECK(error(with("description: Root CA 1", "descripton: Root CA 1")) ==
          "roots.yaml:2:28: ceremony.descripton: unknown key \"descripton\"; did you mean "
          "\"description\"?");
  }

  TEST_CASE("a key the table does not declare cannot be read") {
    config::Diagnostics diagnostics("roots.yaml");
    constexpr config::FileKind kind{"ceremony script", "script", "keyrite: 1"};
    auto node = config::parse_yaml("module: softhsm2\n", kind, diagnostics);
    REQUIRE(node);
    const TableReader token(*node, script_table(), "token", diagnostics);
    REQUIRE(token.optional("module") != nullptr);
    CHECK(token.optional("label") == nullptr);
    CHECK_THROWS_AS(token.optional("slot"), std::logic_error);
    CHECK_THROWS_AS(token.required("id"), std::logic_error);
  }
}

}  // namespace kr::script::test
