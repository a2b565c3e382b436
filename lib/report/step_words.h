// What a script step does, in the plain words an administrator reads aloud from the run-sheet:
// the key type, subject, validity, issuer, inputs and outputs. Built from the parsed script only.
#pragma once

#include <string>
#include <vector>

#include "script/model.h"

namespace kr::report {

// The first line says what the step does; the others give its particulars ("Subject: ...").
std::vector<std::string> describe_step(const script::Step& step);

// "C=US, O=Example Trust Services, CN=Example Root CA 1"
std::string dn_text(const script::DistinguishedName& dn);

}  // namespace kr::report
