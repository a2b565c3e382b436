// Base64: RFC 4648 section 10 test vectors, and decoding that accepts only the canonical form.
#include "util/base64.h"

#include <doctest/doctest.h>

using namespace kr;

TEST_SUITE("util::base64") {
  TEST_CASE("RFC 4648 test vectors round trip") {
    const char* vectors[][2] = {{"", ""},
                                {"f", "Zg=="},
                                {"fo", "Zm8="},
                                {"foo", "Zm9v"},
                                {"foob", "Zm9vYg=="},
                                {"fooba", "Zm9vYmE="},
                                {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
      CAPTURE(plain);
      CHECK(base64_encode(as_bytes(plain)) == encoded);
      const std::string text(plain);
      CHECK(base64_decode(encoded) == Bytes(text.begin(), text.end()));
    }
  }

  TEST_CASE("only the canonical encoding decodes") {
    CHECK_FALSE(base64_decode("Zm9vYg="));    // length
    CHECK_FALSE(base64_decode("Zm8"));        // missing padding
    CHECK_FALSE(base64_decode("Zm9v Yg=="));  // whitespace
    CHECK_FALSE(base64_decode("Zm=vYg=="));   // padding inside
    CHECK_FALSE(base64_decode("Zh=="));       // non-zero bits under the padding
    CHECK_FALSE(base64_decode("Zm9="));       // the same, one pad
    CHECK_FALSE(base64_decode("Zm9-"));       // URL alphabet
  }
}
