// Output paths: inside the output directory, one writer each, never an existing file.
#include <fstream>

#include "script_fixture.h"

namespace kr::script::test {

TEST_SUITE("script::parser outputs") {
  TEST_CASE("an absolute output path") {
    CHECK(error(with("output: root-ca-1.crt", "output: /etc/root-ca-1.crt")) ==
          "roots.yaml:22:15: steps[2].self-sign.output: \"/etc/root-ca-1.crt\" is absolute; give a "
          "path relative to the output directory");
  }

  TEST_CASE("an output path that leaves the output directory") {
    CHECK(error(with("output: root-ca-1.crt", "output: certs/../../root-ca-1.crt")) ==
          "roots.yaml:22:15: steps[2].self-sign.output: \"certs/../../root-ca-1.crt\" leaves the "
          "output directory; \"..\" is not allowed in an output path");
  }

  TEST_CASE("an output path that names a directory") {
    CHECK(error(with("output: root-ca-1.crt", "output: certs/")) ==
          "roots.yaml:22:15: steps[2].self-sign.output: \"certs/\" names a directory, not a file");
  }

  TEST_CASE("two steps writing one file") {
    CHECK(error(with("output: legacy-root.pub.pem", "output: ./root-ca-1.crt")) ==
          "roots.yaml:39:51: steps[5].export-public-key.output: \"./root-ca-1.crt\" is also "
          "written by steps[2] (cert-1)");
  }

  TEST_CASE("an output that already exists") {
    ScratchDir out;
    std::ofstream(out.path() / "root-ca-1.pub.pem") << "an earlier ceremony's key\n";
    const ParseOptions options{out.path()};
    CHECK(error(kValidScript, &options) ==
          "roots.yaml:37:49: steps[4].export-public-key.output: \"" +
              (out.path() / "root-ca-1.pub.pem").string() +
              "\" already exists; keyrite never overwrites a file");
  }

  TEST_CASE("a dangling symbolic link is in the way too") {
    ScratchDir out;
    std::filesystem::create_directory(out.path() / "certs");
    std::filesystem::create_symlink("/nonexistent/target", out.path() / "certs/root-ca-3.der");
    const ParseOptions options{out.path()};
    CHECK(error(kValidScript, &options) ==
          "roots.yaml:34:15: steps[3].self-sign.output: \"" +
              (out.path() / "certs/root-ca-3.der").string() +
              "\" already exists; keyrite never overwrites a file");
  }

  TEST_CASE("outputs are looked for in the output directory, not the current one") {
    ScratchDir out;
    std::ofstream(out.path() / "unrelated.txt") << "x";
    const ParseOptions options{out.path()};
    const Script s = parse_script_text(kValidScript, "roots.yaml", options);
    CHECK(s.steps.size() == 6);
  }
}

}  // namespace kr::script::test
