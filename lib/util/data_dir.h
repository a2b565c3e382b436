// Where keyrite's data files are: the certificate profiles (profiles/) and the document templates
// (documents/). Found at run time, never through a path compiled in, so a binary is the same
// whichever directory it was built in (reproducible builds) and works wherever it is installed.
#pragma once

#include <filesystem>

namespace kr {

// In order: $KEYRITE_DATA_DIR; else share/keyrite beside the running binary's directory, one or
// two levels up (installed: PREFIX/bin/kr-x -> PREFIX/share/keyrite; in a build tree:
// BUILD/tools/kr-x -> BUILD/share/keyrite, which cmake links to the source's templates/). Throws
// kr::Error naming where it looked when none holds profiles/.
std::filesystem::path data_dir();

}  // namespace kr
