// The YAML names of the step kinds and revocation reasons, kept next to the model so the two change
// together.
#include "script/model.h"

#include "util/overloaded.h"

namespace kr::script {

const char* step_kind(const StepBody& body) {
  return std::visit(Overloaded{[](const GenerateKey&) { return "generate-key"; },
                               [](const SelfSign&) { return "self-sign"; },
                               [](const ExportPublicKey&) { return "export-public-key"; },
                               [](const Issue&) { return "issue"; },
                               [](const CrossSign&) { return "cross-sign"; },
                               [](const MakeCsr&) { return "make-csr"; },
                               [](const SignCrl&) { return "sign-crl"; },
                               [](const SignOcspResponse&) { return "sign-ocsp-response"; },
                               [](const BackupKey&) { return "backup-key"; },
                               [](const RestoreKey&) { return "restore-key"; },
                               [](const DestroyKey&) { return "destroy-key"; }},
                    body);
}

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
