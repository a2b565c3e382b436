// The ceremony's event log is the transcript: EventLog is the name the ceremony code has always
// used for the transcript writer (O_EXCL creation, one fsynced JSON line per event).
#pragma once

#include "transcript/transcript_writer.h"

namespace kr::transcript {

using EventLog = TranscriptWriter;

}  // namespace kr::transcript
