// A complete, valid script read into the model: values, order, defaults and positions.
#include "script_fixture.h"

namespace kr::script::test {
namespace {

const config::Position* field(const Step& step, const std::string& name) {
  for (const auto& [field_name, position] : step.field_positions)
    if (field_name == name) return &position;
  return nullptr;
}

void check_at(const config::Position& p, int line, int column, const std::string& path) {
  CHECK(p.file == "roots.yaml");
  CHECK(p.line == line);
  CHECK(p.column == column);
  CHECK(p.path == path);
}

}  // namespace

TEST_SUITE("script::parser valid script") {
  TEST_CASE("header sections") {
    const Script s = parse(kValidScript);
    CHECK(s.file == "roots.yaml");
    CHECK(s.version == 1);
    CHECK(s.ceremony_id == "roots-2015");
    CHECK(s.description == "Root CA 1 and 3 key generation");
    CHECK(s.token.module == "softhsm2");
    CHECK(s.token.label == "root-hsm");
    CHECK(s.token.init_params.empty());
    check_at(s.token.position, 3, 8, "token");
    CHECK(s.roles.administrator == "Alex");
    CHECK(s.roles.internal_auditor == "Ivy");
    CHECK(s.roles.custodians == std::vector<std::string>{"Cara", "Dev", "Eli", "Fay", "Gus"});
    check_at(s.roles.position, 5, 3, "roles");
    REQUIRE(s.quorum.has_value());
    CHECK(s.quorum->activation.m == 3);
    CHECK(s.quorum->activation.n == 5);
    CHECK(s.quorum->activation.descriptor == "root-hsm.shares.json");
    CHECK(s.quorum->activation.resolved.filename() == "root-hsm.shares.json");
    CHECK(s.quorum->activation.resolved.is_absolute());
    CHECK_FALSE(s.quorum->key_backup.has_value());
    CHECK_FALSE(s.test_ceremony);
    check_at(s.quorum->activation.position, 8, 22, "quorum.activation");
  }

  TEST_CASE("generate-key steps") {
    const Script s = parse(kValidScript);
    REQUIRE(s.steps.size() == 6);
    const Step& rsa = s.steps[0];
    CHECK(rsa.id == "key-1");
    CHECK(std::string(step_kind(rsa.body)) == "generate-key");
    check_at(rsa.position, 10, 5, "steps[0]");
    const auto& g = std::get<GenerateKey>(rsa.body);
    CHECK(g.label == "root-ca-1");
    CHECK(g.type == KeyType::rsa);
    CHECK(g.bits == 2048);
    CHECK(g.curve.empty());
    REQUIRE(field(rsa, "bits") != nullptr);
    check_at(*field(rsa, "bits"), 11, 55, "steps[0].generate-key.bits");
    CHECK(field(rsa, "curve") == nullptr);

    const Step& ec = s.steps[1];
    CHECK(ec.description == "EC root key");
    const auto& e = std::get<GenerateKey>(ec.body);
    CHECK(e.type == KeyType::ec);
    CHECK(e.curve == "P-384");
    CHECK(e.bits == 0);
  }

  TEST_CASE("self-sign steps keep subject order and validity") {
    const Script s = parse(kValidScript);
    const Step& step = s.steps[2];
    CHECK(std::string(step_kind(step.body)) == "self-sign");
    const auto& c = std::get<SelfSign>(step.body);
    CHECK(c.key == "root-ca-1");
    CHECK(c.profile == "root-ca");
    const DistinguishedName subject = {
        {"C", "US"}, {"O", "Example Trust Services"}, {"CN", "Example Root CA 1"}};
    CHECK(c.subject == subject);
    CHECK(format_utc(c.validity.not_before) == "2015-05-26T00:00:00Z");
    CHECK(format_utc(c.validity.not_after) == "2038-01-17T00:00:00Z");
    check_at(c.validity.not_after_position, 20, 63, "steps[2].self-sign.validity.not-after");
    CHECK(c.signature_algorithm == "sha256WithRSAEncryption");
    CHECK(c.output == "root-ca-1.crt");
    CHECK(c.format == OutputFormat::pem);

    const auto& d = std::get<SelfSign>(s.steps[3].body);
    CHECK(d.signature_algorithm.empty());
    CHECK(d.format == OutputFormat::der);
    CHECK(d.output == "certs/root-ca-3.der");
    CHECK(d.subject.front() == std::pair<std::string, std::string>{"C", "US"});
  }

  TEST_CASE("every body field has a position") {
    const Script s = parse(kValidScript);
    const Step& step = s.steps[3];
    for (const char* name :
         {"key", "profile", "subject", "subject.C", "subject.O", "subject.CN", "validity",
          "validity.not-before", "validity.not-after", "output", "format"}) {
      CAPTURE(name);
      CHECK(field(step, name) != nullptr);
    }
    check_at(step.position_of("validity.not-after"), 33, 20,
             "steps[3].self-sign.validity.not-after");
    check_at(step.position_of("subject.CN"), 30, 13, "steps[3].self-sign.subject.CN");
    check_at(step.position_of("output"), 34, 15, "steps[3].self-sign.output");
    // A field the step does not have falls back to the step itself.
    check_at(step.position_of("signature-algorithm"), 23, 5, "steps[3]");
  }

  TEST_CASE("export-public-key steps and keys not generated in the script") {
    const Script s = parse(kValidScript);
    const auto& x = std::get<ExportPublicKey>(s.steps[4].body);
    CHECK(std::string(step_kind(s.steps[4].body)) == "export-public-key");
    CHECK(x.key == "root-ca-1");
    CHECK(x.output == "root-ca-1.pub.pem");
    CHECK(x.format == OutputFormat::pem);
    REQUIRE(s.external_keys.size() == 1);
    CHECK(s.external_keys[0].label == "legacy-root");
    check_at(s.external_keys[0].position, 39, 30, "steps[5].export-public-key.key");
  }

  TEST_CASE("an external key used twice is listed once, at its first use") {
    const Script s = parse(kValidScript + R"(  - id: pub-old-again
    export-public-key: {key: legacy-root, output: legacy-root-2.pub.pem}
)");
    REQUIRE(s.external_keys.size() == 1);
    CHECK(s.external_keys[0].position.line == 39);
  }

  TEST_CASE("optional sections may be left out; quoted strings are strings") {
    const Script s =
        parse(with("quorum: {activation: 3-of-5, share-set: root-hsm.shares.json}\n", "",
                   with("  custodians: [Cara, Dev, Eli, Fay, Gus]\n", "",
                        with("{module: softhsm2, label: root-hsm}",
                             "{module: /usr/lib/softhsm/libsofthsm2.so, "
                             "label: \"1234\", module-params: \"configdir='x'\"}",
                             with("id: roots-2015,", "id: roots-2015, test: true,")))));
    CHECK_FALSE(s.quorum.has_value());
    CHECK(s.test_ceremony);
    CHECK(s.roles.custodians.empty());
    CHECK(s.token.module == "/usr/lib/softhsm/libsofthsm2.so");
    CHECK(s.token.label == "1234");
    CHECK(s.token.init_params == "configdir='x'");
  }
}

}  // namespace kr::script::test
