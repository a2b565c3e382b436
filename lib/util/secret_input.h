// Reading PINs and passphrases: from the terminal without echo, or from an inherited file
// descriptor (for rehearsals and tests). Never from argv or the environment.
#pragma once

#include <string>

#include "util/secret.h"

namespace kr {

// Prompts on /dev/tty with echo off; throws kr::Error when there is no terminal.
Secret read_secret_from_terminal(const std::string& prompt);
// A line that is not secret (a name, a file path) from the terminal, echoed as typed.
std::string read_line_from_terminal(const std::string& prompt);
// The first line of a file the operator named for a rehearsal (a passphrase file); the file must
// be readable by its owner only, so a secret is not left readable to others.
Secret read_secret_from_file(const std::string& path, const std::string& what);
// Reads up to the first newline (or end of input) from fd; the newline is not part of the secret.
Secret read_secret_from_fd(int fd, const std::string& what);

}  // namespace kr
