// The strict YAML layer on its own: positions and paths, the quoted flag that keeps "1" a string,
// the refusals every keyrite file gets, messages that name the kind of file read, and MapReader's
// unknown keys with "did you mean". The script, profile and testpki tests cover each reader on top.
#include "config/yaml_tree.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "config/reader.h"

using namespace kr;

namespace {

constexpr config::FileKind kWidget{"widget file", "widget", "keyrite-widget: 1"};

std::vector<std::string> problems(const config::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  try {
    diagnostics.throw_if_any();
  } catch (const config::ConfigError& e) {
    for (const auto& d : e.diagnostics()) out.push_back(d.text());
  }
  return out;
}

}  // namespace

TEST_SUITE("config::yaml_tree") {
  TEST_CASE("every node keeps its line, column and YAML path") {
    config::Diagnostics d("w.yaml");
    auto root = config::parse_yaml("a:\n  b: [x, 'y']\n", kWidget, d);
    REQUIRE(root);
    CHECK(d.empty());
    const auto* b = root->find("a")->find("b");
    REQUIRE(b);
    CHECK(b->path == "a.b");
    CHECK(b->line == 2);
    CHECK(b->column == 6);
    REQUIRE(b->children.size() == 2);
    CHECK(b->children[1].path == "a.b[1]");
    CHECK_FALSE(b->children[0].quoted);
    CHECK(b->children[1].quoted);
    CHECK(config::describe(b->children[1]) == "the quoted string \"y\"");
  }

  TEST_CASE("messages about the whole file name the kind of file") {
    config::Diagnostics empty("w.yaml");
    CHECK_FALSE(config::parse_yaml("", kWidget, empty));
    CHECK(problems(empty) ==
          std::vector<std::string>{
              "w.yaml:1:1: the file is empty; a widget file starts with \"keyrite-widget: 1\""});
    config::Diagnostics two("w.yaml");
    config::parse_yaml("a: 1\n---\nb: 2\n", kWidget, two);
    CHECK(problems(two) == std::vector<std::string>{"w.yaml:2:1: a widget is one YAML document; "
                                                    "remove the \"---\" that starts a second one"});
  }

  TEST_CASE("anchors, aliases, tags and duplicate keys are refused, each where it was written") {
    config::Diagnostics d("w.yaml");
    config::parse_yaml("a: &x 1\nb: *x\nc: !!str 2\na: 3\n", kWidget, d);
    CHECK(problems(d) ==
          std::vector<std::string>{
              "w.yaml:1:4: a: anchors (&x) are not allowed; write each value out in full",
              "w.yaml:2:4: b: aliases (*name) are not allowed; write the value out in full",
              "w.yaml:3:4: c: YAML tags (!!str) are not allowed; remove the tag",
              "w.yaml:4:1: a: duplicate key \"a\"; it is already set on line 1"});
  }
}

TEST_SUITE("config::reader") {
  TEST_CASE("unknown keys name the nearest allowed one, or list them all") {
    config::Diagnostics d("w.yaml");
    auto root = config::parse_yaml("signature-algoritm: k\nzzz: 1\n", kWidget, d);
    REQUIRE(root);
    config::MapReader map(*root, {"signature-algorithm", "type"}, d);
    CHECK(map.required("type") == nullptr);
    CHECK(problems(d) == std::vector<std::string>{
                             "w.yaml:1:1: signature-algoritm: unknown key \"signature-algoritm\"; "
                             "did you mean \"signature-algorithm\"?",
                             "w.yaml:2:1: zzz: unknown key \"zzz\"; allowed keys: "
                             "signature-algorithm, type",
                             "w.yaml:1:1: type: required field is missing"});
  }

  TEST_CASE("a quoted number is a string") {
    config::Diagnostics d("w.yaml");
    auto root = config::parse_yaml("bits: \"2048\"\nsize: 4096\n", kWidget, d);
    REQUIRE(root);
    CHECK_FALSE(config::read_integer(root->find("bits"), d));
    CHECK(config::read_integer(root->find("size"), d) == 4096);
    CHECK(problems(d) ==
          std::vector<std::string>{"w.yaml:1:7: bits: expected an integer, found the quoted string "
                                   "\"2048\"; write it without quotes"});
  }
}
