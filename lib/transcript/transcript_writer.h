// The transcript writer: an append-only JSON Lines file, created new (O_EXCL, never reopened or
// overwritten), one line per event or checkpoint, fsynced before append returns so a crash loses at
// most the line being written. Every line is a leaf of an RFC 6962 Merkle tree whose head is kept
// in O(log n) memory; append_checkpoint() writes a C2SP checkpoint of all lines so far, signed by
// the audit key and cosigned by the custodians present. docs/transcript-format.md is the format.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "transcript/checkpoint.h"
#include "transcript/event.h"
#include "transcript/merkle.h"
#include "transcript/note.h"
#include "util/unique_fd.h"

namespace kr::transcript {

enum class Durability {
  fsync_every_line,  // the product: each line is on disk before append returns
  no_fsync,          // generating large test and benchmark transcripts only
};

class TranscriptWriter {
 public:
  explicit TranscriptWriter(std::filesystem::path path,
                            Durability durability = Durability::fsync_every_line);
  // Continues an existing transcript (kr-ceremony resume): reads every line to rebuild the tree
  // head, the origin and the last checkpoint, then appends after it. The caller has verified the
  // file; a last line without its newline (a write cut short) is refused, never completed or cut.
  struct Continue {};
  TranscriptWriter(std::filesystem::path path, Continue);
  TranscriptWriter(const TranscriptWriter&) = delete;
  TranscriptWriter& operator=(const TranscriptWriter&) = delete;
  ~TranscriptWriter();

  // Stamps seq and time, writes the event line and fsyncs. Returns the line's sequence number.
  std::uint64_t append(const Event& event);
  // Writes a checkpoint line committing to every line before it, signed by `signers` in order
  // (the audit key first, then the custodians present). Line 0 must be the ceremony-started event
  // whose target is "ceremony:<id>": the checkpoint origin is made from it.
  // Returns the checkpoint line's sequence number, which equals the tree size it commits to.
  std::uint64_t append_checkpoint(const std::vector<NoteSigner>& signers);

  const std::filesystem::path& path() const { return path_; }
  // Number of lines written so far (events and checkpoints).
  std::uint64_t size() const { return tree_.size(); }
  // The Merkle root of all lines written so far, lower-case hex: the "hash of the log so far" that
  // custodians sign in approvals.
  std::string root_hex() const;
  Hash root() const { return tree_.root(); }

  // The last checkpoint written (nullopt before the first).
  struct CheckpointSummary {
    std::uint64_t seq = 0;  // also the tree size it commits to
    Hash root{};
    std::string time;
    std::string note;
  };
  const std::optional<CheckpointSummary>& last_checkpoint() const { return last_checkpoint_; }
  // The last checkpoint's root as hex and as PGP words in numbered rows, for the paper log.
  // Throw kr::Error when no checkpoint has been written.
  std::string last_checkpoint_root_hex() const;
  std::string last_checkpoint_root_pgp_words() const;

 private:
  void write_line(const std::string& line);

  std::filesystem::path path_;
  Durability durability_;
  UniqueFd fd_;
  bool broken_ = false;
  MerkleStream tree_;
  std::string origin_;          // set from line 0 when it is a ceremony-started event
  std::string origin_problem_;  // why there is no origin, when there is none
  std::optional<CheckpointSummary> last_checkpoint_;
};

}  // namespace kr::transcript
