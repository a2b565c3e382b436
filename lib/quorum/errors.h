// The ways presenting a share can fail, as types, so a caller can allow a retry for a wrong
// passphrase but not for a share that belongs elsewhere.
#pragma once

#include "util/error.h"

namespace kr::quorum {

// The passphrase does not open the share file (AES-GCM tag mismatch); names the custodian.
class WrongPassphrase : public Error {
 public:
  using Error::Error;
};

// The share file is not one of the descriptor's: another set or token, an unknown custodian,
// a modified file, a share that does not match its commitment, or presented twice.
class ShareRejected : public Error {
 public:
  using Error::Error;
};

// Fewer shares than the threshold, or shares that combine to a secret the descriptor does not
// commit to.
class QuorumNotMet : public Error {
 public:
  using Error::Error;
};

}  // namespace kr::quorum
