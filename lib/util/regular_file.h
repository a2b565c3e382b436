// Reading files that a person or another party hands keyrite (share files, descriptors, keys,
// proofs, scripts, transcripts) without trusting what they are: only a regular file is read, never
// a FIFO that blocks, a device that never ends (/dev/zero) or a directory, and never more than a
// limit, so a wrong path fails at once with a message naming the file instead of hanging or
// filling memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "util/bytes.h"
#include "util/unique_fd.h"

namespace kr {

// Large enough for any certificate, CRL, OCSP response or transcript keyrite writes.
constexpr std::size_t kDefaultMaxFileBytes = std::size_t{256} << 20;

// Opens `path` for reading and returns the descriptor after checking that
// it is a regular file; opening never blocks (O_NONBLOCK, then cleared). `what` names the file's
// role in messages ("the transcript"). Throws kr::Error naming the path.
UniqueFd open_regular_file(const std::filesystem::path& path, const std::string& what);

// Reads a whole regular file of at most `max_bytes`; throws kr::Error naming the path otherwise.
Bytes read_regular_file(const std::filesystem::path& path, std::size_t max_bytes,
                        const std::string& what);

}  // namespace kr
