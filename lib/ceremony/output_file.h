// Writing a step's output: atomically, never over an existing file, and hashed for the log.
#pragma once

#include "ceremony/context.h"
#include "transcript/event.h"

namespace kr::ceremony {

transcript::Digest write_output(Context& ctx, const std::string& relative, ByteView data);

}  // namespace kr::ceremony
