// kr-sample-transcript DIR: writes DIR/transcript.jsonl (the sample ceremony of
// tests/support/sample_transcript.h, made by the real writer with fresh software keys) and
// DIR/audit.pem (the audit public key), for the kr-transcript integration test. Not a product tool.
#include <iostream>

#include "ossl/der.h"
#include "support/sample_transcript.h"
#include "util/atomic_file.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kr-sample-transcript DIR\n";
    return 1;
  }
  try {
    std::filesystem::path dir = argv[1];
    auto keys = kr::test::make_sample_keys();
    kr::test::write_sample_transcript(dir / "transcript.jsonl", keys);
    kr::write_new_file(dir / "audit.pem", kr::as_bytes(kr::ossl::public_key_pem(keys.audit.get())));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "kr-sample-transcript: error: " << e.what() << "\n";
    return 2;
  }
}
