// The YAML names of the revocation reasons, kept next to the model so the two change together. The
// step kinds' names are in their table (step_fields.cpp), with their parsers.
#include "script/model.h"

namespace kr::script {

const char* revocation_reason_name(RevocationReason reason) {
  switch (reason) {
    case RevocationReason::key_compromise:
      return "keyCompromise";
    case RevocationReason::ca_compromise:
      return "cACompromise";
    case RevocationReason::affiliation_changed:
      return "affiliationChanged";
    case RevocationReason::superseded:
      return "superseded";
    case RevocationReason::cessation_of_operation:
      return "cessationOfOperation";
    case RevocationReason::privilege_withdrawn:
      return "privilegeWithdrawn";
  }
  return "unknown";
}

}  // namespace kr::script
