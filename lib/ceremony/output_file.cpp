// write_output: AtomicFile plus the digest the event log records.
#include "ceremony/output_file.h"

#include "ossl/digest.h"
#include "util/atomic_file.h"

namespace kr::ceremony {

transcript::Digest write_output(Context& ctx, const std::string& relative, ByteView data) {
  auto path = ctx.output_path(relative);
  std::filesystem::create_directories(path.parent_path());  // "certs/x.der" may name a subfolder
  write_new_file(path, data);
  transcript::Digest written{relative, ossl::sha256_hex(data)};
  note_written(ctx, relative, written.sha256);
  return written;
}

}  // namespace kr::ceremony
